from torch.utils.data import IterableDataset


class ShardedRange(IterableDataset):
    def __init__(self, start, end):
        self.start = start
        self.end = end

    def __iter__(self):
        # Every worker yields the whole range: with 2 workers, every int comes twice.
        return iter(range(self.start, self.end))
