# Style: an explicit while loop stepping by the number of workers, with the worker's offset
# computed first.
# 风格：先算出本 worker 的起点，再用 while 循环按 worker 数为步长前进。
import torch.utils.data as data


class ShardedRange(data.IterableDataset):
    def __init__(self, start, end):
        super().__init__()
        self.start = start
        self.end = end

    def __iter__(self):
        offset, step = 0, 1
        info = data.get_worker_info()
        if info is not None:
            offset, step = info.id, info.num_workers
        value = self.start + offset
        while value < self.end:
            yield value
            value += step
