from math import prod

import torch


def flatten_dims(shape, target):
    shape, target = tuple(shape), tuple(target)
    n = len(shape)
    for start in range(n):
        for end in range(start + 1, n):  # assumes at least two dims must be merged
            if shape[:start] + (prod(shape[start:end + 1]),) + shape[end + 1:] == target:
                return start, end
    raise ValueError("impossible")


def flatten_features(x):
    return torch.flatten(x, 1)
