import torch
from torch.utils.data import IterableDataset, get_worker_info


class ShardedRange(IterableDataset):
    def __init__(self, start, end):
        self.start = start
        self.end = end

    def __iter__(self):
        info = get_worker_info()
        step, first = 1, self.start
        if info is not None:
            step, first = info.num_workers, self.start + info.id
        return iter(torch.arange(first, max(first, self.end), step))  # 0-d tensors, not ints
