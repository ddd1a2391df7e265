"""Runs in the worker: build the learner's dataset and loaders and report plain data."""

import torch
from torch.utils.data import DataLoader, Dataset

from grader.sandbox.probekit import error_text


class _Indices(Dataset):
    """Item i is the int i: a loader's output shows the order it read the items in."""

    def __init__(self, n):
        self.n = n

    def __len__(self):
        return self.n

    def __getitem__(self, index):
        if not 0 <= index < self.n:
            raise IndexError(index)
        return index


def _batches(loader):
    return [batch.tolist() if isinstance(batch, torch.Tensor) else list(batch)
            for batch in loader]


def _order(loader):
    return [int(value) for batch in _batches(loader) for value in batch]


def dataset_len(module, src, trg):
    return len(module.PairDataset(src, trg))


def dataset_items(module, src, trg, indices):
    ds = module.PairDataset(src, trg)
    return [ds[i] for i in indices]


def index_outcomes(module, src, trg, indices):
    """For each index: what ds[index] returned, or which exception it raised."""
    ds = module.PairDataset(src, trg)
    outcomes = []
    for i in indices:
        try:
            value = ds[i]
        except Exception as exc:  # noqa: BLE001 - report every kind of failure
            outcomes.append({"raised": type(exc).__name__,
                             "index_error": isinstance(exc, IndexError),
                             "error": error_text(module, exc)})
        else:
            outcomes.append({"returned": value})
    return outcomes


def through_dataloader(module, src, trg, batch_size):
    loader = DataLoader(module.PairDataset(src, trg), batch_size=batch_size)
    return [batch for batch in loader]


def loader_batches(module, n, batch_size, keywords, positional):
    loader = module.make_loader(_Indices(n), batch_size, *positional, **keywords)
    return {"type": type(loader).__name__, "is_loader": isinstance(loader, DataLoader),
            "len": len(loader), "batches": _batches(loader)}


def batch_counts(module, n, batch_size, drop_last):
    ds = _Indices(n)
    loader = module.make_loader(ds, batch_size, drop_last=drop_last)
    return {"num_batches": module.num_batches(n, batch_size, drop_last),
            "torch_len": len(DataLoader(ds, batch_size=batch_size, drop_last=drop_last)),
            "loader_len": len(loader),
            "iterated": sum(1 for _ in DataLoader(ds, batch_size=batch_size,
                                                  drop_last=drop_last))}


def same_seed_orders(module, n, batch_size, seed, global_seeds):
    """Orders of loaders made with one seed, with torch's global RNG scrambled in between."""
    ds = _Indices(n)
    torch.manual_seed(global_seeds[0])
    first = module.make_loader(ds, batch_size, shuffle=True, seed=seed)
    torch.manual_seed(global_seeds[1])
    second = module.make_loader(ds, batch_size, shuffle=True, seed=seed)
    torch.manual_seed(global_seeds[2])
    orders = [_order(first), _order(second)]
    third = module.make_loader(ds, batch_size, shuffle=True, seed=seed)
    torch.rand(1 + global_seeds[0] % 5)  # other code draws from the global RNG meanwhile
    orders.append(_order(third))
    return orders


def seed_orders(module, n, batch_size, seeds, global_seed):
    ds = _Indices(n)
    orders = []
    for seed in seeds:
        torch.manual_seed(global_seed)
        orders.append(_order(module.make_loader(ds, batch_size, shuffle=True, seed=seed)))
    return orders


def global_rng_effect(module, n, batch_size, seed, global_seed):
    """Did creating the seeded loader change torch's global RNG state?"""
    ds = _Indices(n)
    torch.manual_seed(global_seed)
    before = torch.get_rng_state()
    loader = module.make_loader(ds, batch_size, shuffle=True, seed=seed)
    after = torch.get_rng_state()
    del loader
    return not torch.equal(before, after)


def unseeded_orders(module, n, batch_size, times):
    ds = _Indices(n)
    return [_order(module.make_loader(ds, batch_size, shuffle=True)) for _ in range(times)]
