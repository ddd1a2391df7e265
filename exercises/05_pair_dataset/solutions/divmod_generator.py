# Style: a generator seeded with g.manual_seed(seed) on its own line, handed over only when
# shuffling; the batch count from divmod.
# 风格：单独一行 g.manual_seed(seed)，只在打乱时把 generator 交给 DataLoader；批数用 divmod 计算。
from torch import Generator
from torch.utils.data import DataLoader, Dataset


class PairDataset(Dataset):
    def __init__(self, src, trg):
        self.src = src
        self.trg = trg
        if len(self.src) != len(self.trg):
            raise ValueError("src and trg differ in length")

    def __len__(self) -> int:
        return len(self.trg)

    def __getitem__(self, index):
        source = self.src[index]
        target = self.trg[index]
        return source, target


def make_loader(dataset, batch_size: int, shuffle: bool = False, drop_last: bool = False,
                seed: int | None = None) -> DataLoader:
    generator = None
    if shuffle and seed is not None:
        generator = Generator()
        generator.manual_seed(seed)
    return DataLoader(dataset, batch_size=batch_size, shuffle=shuffle, drop_last=drop_last,
                      generator=generator)


def num_batches(n: int, batch_size: int, drop_last: bool) -> int:
    full, rest = divmod(n, batch_size)
    if rest and not drop_last:
        return full + 1
    return full
