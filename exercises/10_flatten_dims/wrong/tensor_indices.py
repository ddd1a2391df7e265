from math import prod

import torch


def flatten_dims(shape, target):
    shape, target = tuple(shape), tuple(target)
    if not shape:
        if target == (1,):
            return 0, 0
        raise ValueError("impossible")
    n = len(shape)
    for start, end in torch.triu_indices(n, n).T:  # start and end are 0-d tensors
        s, e = int(start), int(end)
        if shape[:s] + (prod(shape[s:e + 1]),) + shape[e + 1:] == target:
            return start, end
    raise ValueError("impossible")


def flatten_features(x):
    return torch.flatten(x, 1)
