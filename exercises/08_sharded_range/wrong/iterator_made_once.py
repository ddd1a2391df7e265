from torch.utils.data import IterableDataset


class ShardedRange(IterableDataset):
    def __init__(self, start, end):
        self.start = start
        self.end = end
        self.numbers = iter(range(start, end))  # one iterator: used up after the first epoch

    def __iter__(self):
        from torch.utils.data import get_worker_info
        info = get_worker_info()
        if info is not None:
            return iter(range(self.start + info.id, self.end, info.num_workers))
        return self.numbers
