"""Exercise 05: a map-style Dataset and its DataLoader.

PairDataset(src, trg): pairs src[i] with trg[i]. ValueError when the lengths differ;
len(ds) is the number of pairs; ds[i] returns (src[i], trg[i]), negative indices count from
the end, an index out of range raises IndexError. src and trg may be lists or tensors.

make_loader(dataset, batch_size, shuffle=False, drop_last=False, seed=None): a DataLoader.
With a seed, the shuffled order comes from a torch.Generator seeded with it, never from
torch's global RNG.

num_batches(n, batch_size, drop_last): how many batches such a loader gives for n items.
"""

import torch
from torch.utils.data import DataLoader, Dataset


class PairDataset(Dataset):
    def __init__(self, src, trg) -> None:
        # TODO: check the lengths match (ValueError if not), then keep src and trg.
        raise NotImplementedError("PairDataset is not written yet: store src and trg, and "
                                  "raise ValueError when their lengths differ")

    def __len__(self) -> int:
        raise NotImplementedError("PairDataset.__len__ is not written yet")

    def __getitem__(self, index):
        raise NotImplementedError("PairDataset.__getitem__ is not written yet: return "
                                  "(src[index], trg[index])")


def make_loader(dataset, batch_size: int, shuffle: bool = False, drop_last: bool = False,
                seed: int | None = None) -> DataLoader:
    # TODO: build a DataLoader; with a seed, pass generator=<a torch.Generator seeded with it>.
    raise NotImplementedError("make_loader is not written yet: return a DataLoader")


def num_batches(n: int, batch_size: int, drop_last: bool) -> int:
    # TODO: plain integer arithmetic: the full batches, plus one for a leftover unless drop_last.
    raise NotImplementedError("num_batches is not written yet: count the batches of n items")
