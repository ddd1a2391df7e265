# Style: clone x, then assign -inf through boolean indexing (the clone keeps x unchanged).
# 风格：先 clone 一份 x，再用布尔索引赋值 -inf（clone 保证不改动调用者的 x）。
import math

import torch


def masked_max(x: torch.Tensor, mask: torch.Tensor, dim: int) -> tuple[torch.Tensor, torch.Tensor]:
    scores = x.clone()
    scores[~mask] = -math.inf
    result = scores.max(dim=dim)
    values, indices = result.values, result.indices
    indices[mask.sum(dim=dim) == 0] = -1
    return values, indices
