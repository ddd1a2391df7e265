# Style: the PyTorch documentation's way: each worker takes one contiguous block of
# ceil(length / num_workers) ints, the last block clipped to the end.
# 风格：PyTorch 文档中的写法：每个 worker 取一段连续的 ceil(长度 / worker 数) 个整数，
# 最后一段截到 end。
import math

import torch


class ShardedRange(torch.utils.data.IterableDataset):
    def __init__(self, start, end):
        super().__init__()
        self.start = start
        self.end = end

    def __iter__(self):
        worker_info = torch.utils.data.get_worker_info()
        if worker_info is None:
            iter_start, iter_end = self.start, self.end
        else:
            per_worker = int(math.ceil((self.end - self.start) / float(worker_info.num_workers)))
            iter_start = self.start + worker_info.id * per_worker
            iter_end = min(iter_start + per_worker, self.end)
        return iter(range(iter_start, iter_end))
