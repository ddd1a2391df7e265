from math import prod

import torch


def flatten_dims(shape, target):
    shape, target = tuple(shape), tuple(target)
    if not shape:
        if target == (1,):
            return 0, 1
        raise ValueError("impossible")
    n = len(shape)
    for start in range(n):
        for end in range(start + 1, n + 1):
            if shape[:start] + (prod(shape[start:end]),) + shape[end:] == target:
                return start, end  # a slice end, but flatten's end_dim is inclusive
    raise ValueError("impossible")


def flatten_features(x):
    return torch.flatten(x, 1)
