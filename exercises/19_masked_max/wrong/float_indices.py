import torch


def masked_max(x, mask, dim):
    values, indices = x.masked_fill(~mask, float("-inf")).max(dim=dim)
    empty = ~mask.any(dim=dim)
    indices = torch.where(empty, torch.full_like(values, -1), indices)
    return values, indices
