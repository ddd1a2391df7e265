from math import prod

import torch
from torch import Tensor


def flatten_dims(shape: tuple[int, ...], target: tuple[int, ...]) -> tuple[int, int]:
    shape, target = tuple(shape), tuple(target)
    if not shape:
        # flatten turns a scalar into a 1-D tensor of one element
        if target == (1,):
            return 0, 0
        raise ValueError(f"flatten cannot turn shape () into {target}")
    n = len(shape)
    for start in range(n):
        for end in range(start, n):
            merged = shape[:start] + (prod(shape[start:end + 1]),) + shape[end + 1:]
            if merged == target:
                return start, end
    raise ValueError(f"no (start_dim, end_dim) flattens {shape} into {target}")


def flatten_features(x: Tensor) -> Tensor:
    return torch.flatten(x, start_dim=1)
