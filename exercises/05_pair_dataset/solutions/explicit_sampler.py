# Style: the sampler chosen by hand (RandomSampler with its own generator, or SequentialSampler)
# and ceil division written as -(-n // b).
# 风格：手动选择 sampler（带独立 generator 的 RandomSampler 或 SequentialSampler）；
# 向上取整写成 -(-n // b)。
import torch
from torch.utils.data import DataLoader, Dataset, RandomSampler, SequentialSampler


class PairDataset(Dataset):
    def __init__(self, src, trg):
        if len(src) != len(trg):
            raise ValueError(f"length mismatch: {len(src)} != {len(trg)}")
        self.src, self.trg = src, trg

    def __len__(self):
        return len(self.src)

    def __getitem__(self, idx):
        return self.src[idx], self.trg[idx]  # lists and tensors raise IndexError themselves


def make_loader(dataset, batch_size, shuffle=False, drop_last=False, seed=None):
    if shuffle:
        generator = None if seed is None else torch.Generator().manual_seed(seed)
        sampler = RandomSampler(dataset, generator=generator)
    else:
        sampler = SequentialSampler(dataset)
    return DataLoader(dataset, batch_size=batch_size, sampler=sampler, drop_last=drop_last)


def num_batches(n, batch_size, drop_last):
    return n // batch_size if drop_last else -(-n // batch_size)
