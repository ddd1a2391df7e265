"""Runs in the worker: use pad_collate as the collate_fn of a real DataLoader."""

import functools

from torch.utils.data import DataLoader


def through_dataloader(module, items, batch_size, pad_value):
    """Batches of DataLoader(list_dataset, batch_size, collate_fn=pad_collate), as a list."""
    dataset = [tuple(item) for item in items]  # a list is a map-style dataset
    collate = module.pad_collate
    if pad_value is not None:
        collate = functools.partial(module.pad_collate, pad_value=pad_value)
    loader = DataLoader(dataset, batch_size=batch_size, shuffle=False, num_workers=0,
                        collate_fn=collate)
    return [batch for batch in loader]
