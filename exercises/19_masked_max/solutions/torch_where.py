# Style: torch.where to hide the False positions and to put -1 in the empty slices.
# 风格：用 torch.where 遮住 False 的位置，并给空切片填 -1。
import torch


def masked_max(x, mask, dim):
    hidden = torch.where(mask, x, torch.full_like(x, float("-inf")))
    values, indices = torch.max(hidden, dim)
    has_any = mask.any(dim)
    indices = torch.where(has_any, indices, torch.full_like(indices, -1))
    return values, indices
