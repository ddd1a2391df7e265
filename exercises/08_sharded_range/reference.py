from torch.utils.data import IterableDataset, get_worker_info


class ShardedRange(IterableDataset):
    def __init__(self, start: int, end: int) -> None:
        super().__init__()
        self.start = start
        self.end = end

    def __iter__(self):
        info = get_worker_info()
        if info is None:  # the main process reads everything
            return iter(range(self.start, self.end))
        # Worker k of n takes start + k, start + k + n, ...: no overlap, nothing left out.
        return iter(range(self.start + info.id, self.end, info.num_workers))
