"""Exercise 08: an IterableDataset sharded across DataLoader workers.

ShardedRange(start, end) yields the ints of [start, end) (nothing when start >= end). Under
DataLoader(ds, batch_size=None, num_workers=k) every worker process iterates its own copy of
the dataset, so each copy must yield only its worker's share: split the range by
torch.utils.data.get_worker_info() (None in the main process; .id and .num_workers in a
worker) so that every int appears exactly once in total, for any k >= 0.
"""

from torch.utils.data import IterableDataset, get_worker_info


class ShardedRange(IterableDataset):
    def __init__(self, start: int, end: int) -> None:
        super().__init__()
        self.start = start
        self.end = end

    def __iter__(self):
        # TODO: ask get_worker_info() here; yield everything in the main process, or only this
        # worker's share inside a DataLoader worker.
        raise NotImplementedError("ShardedRange.__iter__ is not written yet: return an "
                                  "iterator over this worker's share of range(start, end)")
