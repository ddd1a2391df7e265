import torch
from torch.utils.data import DataLoader, Dataset


class PairDataset(Dataset):
    def __init__(self, src, trg) -> None:
        super().__init__()
        if len(src) != len(trg):
            raise ValueError(f"src has {len(src)} items but trg has {len(trg)}")
        self.src = src
        self.trg = trg

    def __len__(self) -> int:
        return len(self.src)

    def __getitem__(self, index):
        return self.src[index], self.trg[index]


def make_loader(dataset, batch_size: int, shuffle: bool = False, drop_last: bool = False,
                seed: int | None = None) -> DataLoader:
    generator = None
    if seed is not None:
        generator = torch.Generator().manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, drop_last=drop_last,
                      generator=generator)


def num_batches(n: int, batch_size: int, drop_last: bool) -> int:
    if drop_last:
        return n // batch_size
    return (n + batch_size - 1) // batch_size
