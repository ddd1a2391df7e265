import torch


def masked_max(x, mask, dim):
    values, indices = torch.where(mask, x, torch.zeros_like(x)).max(dim=dim)
    empty = ~mask.any(dim=dim)
    values = values.masked_fill(empty, float("-inf"))
    return values, indices.masked_fill(empty, -1)
