import torch
from torch.utils.data import DataLoader, Dataset


class PairDataset(Dataset):
    def __init__(self, src, trg):
        if len(src) != len(trg):
            raise ValueError("src and trg differ in length")
        self.src = src
        self.trg = trg

    def __len__(self):
        return len(self.src)

    def __getitem__(self, index):
        return self.src[index], self.trg[index]


def make_loader(dataset, batch_size, shuffle=False, drop_last=False, seed=None):
    generator = torch.Generator().manual_seed(seed) if seed is not None else None
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, drop_last=drop_last,
                      generator=generator)


def num_batches(n, batch_size, drop_last):
    import math
    return math.ceil(n / batch_size) if drop_last else n // batch_size
