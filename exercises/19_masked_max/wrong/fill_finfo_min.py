import torch


def masked_max(x, mask, dim):
    lowest = torch.finfo(x.dtype).min
    values, indices = x.masked_fill(~mask, lowest).max(dim=dim)
    empty = ~mask.any(dim=dim)
    return values, indices.masked_fill(empty, -1)
