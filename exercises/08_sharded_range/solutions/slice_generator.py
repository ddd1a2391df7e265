# Style: __iter__ as a generator; the main process counts as worker 0 of 1, and each worker
# takes every num_workers-th int with a slice of the range.
# 风格：__iter__ 写成生成器；主进程当作 1 个 worker 中的第 0 个；
# 每个 worker 用切片取每隔 num_workers 个的整数。
from torch.utils.data import IterableDataset, get_worker_info


class ShardedRange(IterableDataset):
    def __init__(self, start: int, end: int):
        self.start, self.end = start, end

    def __iter__(self):
        info = get_worker_info()
        worker_id, num_workers = (0, 1) if info is None else (info.id, info.num_workers)
        yield from range(self.start, self.end)[worker_id::num_workers]
