# Style: the pairs zipped once into a list with zip(..., strict=True), which itself raises
# ValueError on a length mismatch; math.ceil / math.floor; DataLoader arguments in a dict.
# 风格：用 zip(..., strict=True) 一次配好对，长度不同时 zip 自己会抛 ValueError；
# 批数用 math.ceil / math.floor；DataLoader 参数放进 dict。
import math

import torch
from torch.utils.data import DataLoader, Dataset


class PairDataset(Dataset):
    def __init__(self, src, trg):
        self.pairs = list(zip(src, trg, strict=True))  # ValueError when the lengths differ

    def __len__(self):
        return len(self.pairs)

    def __getitem__(self, i):
        return self.pairs[i]


def make_loader(dataset, batch_size, shuffle=False, drop_last=False, seed=None):
    options = {"batch_size": batch_size, "shuffle": shuffle, "drop_last": drop_last}
    if seed is not None:
        options["generator"] = torch.Generator().manual_seed(seed)
    return DataLoader(dataset, **options)


def num_batches(n, batch_size, drop_last):
    if drop_last:
        return math.floor(n / batch_size)
    return math.ceil(n / batch_size)
