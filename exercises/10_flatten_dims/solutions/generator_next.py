# Style: one generator expression with next(...), slices compared as tuples; torch.flatten(x, 1).
# 风格：用 next(...) 取生成器表达式的第一个结果，切片按元组比较；特征用 torch.flatten(x, 1)。
from functools import reduce
from operator import mul

import torch


def flatten_dims(shape, target):
    shape, target = tuple(shape) or (1,), tuple(target)
    n = len(shape)
    found = next(
        ((i, j) for i in range(n) for j in range(i, n)
         if shape[:i] + (reduce(mul, shape[i:j + 1], 1),) + shape[j + 1:] == target),
        None,
    )
    if found is None:
        raise ValueError(f"no (start_dim, end_dim) gives {target}")
    return found


def flatten_features(x):
    return torch.flatten(x, start_dim=1, end_dim=-1)
