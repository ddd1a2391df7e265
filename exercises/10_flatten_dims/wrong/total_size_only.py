from math import prod

import torch


def flatten_dims(shape, target):
    shape, target = tuple(shape), tuple(target)
    if prod(shape) != prod(target) or not target:
        raise ValueError("different number of elements")
    if not shape:
        return 0, 0
    k = len(shape) - len(target)  # how many dims disappear
    if k < 0:
        raise ValueError("flatten cannot add dims")
    # only the total size and the number of dims were checked: the merge is assumed to fit
    for start in range(len(target)):
        if shape[start] != target[start]:
            return start, start + k
    return len(target) - 1, len(shape) - 1


def flatten_features(x):
    return torch.flatten(x, 1)
