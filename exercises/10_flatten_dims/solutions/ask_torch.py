# Style: try every (start_dim, end_dim) on a real tensor; nn.Flatten() for the features.
# 风格：在真实张量上逐个尝试 (start_dim, end_dim)；特征用 nn.Flatten() 展平。
import torch
from torch import nn


def flatten_dims(shape, target):
    x = torch.empty(shape)
    ndim = max(x.dim(), 1)
    for start in range(ndim):
        for end in range(start, ndim):
            if torch.flatten(x, start, end).shape == torch.Size(target):
                return start, end
    raise ValueError(f"no flatten turns {tuple(shape)} into {tuple(target)}")


def flatten_features(x):
    return nn.Flatten()(x)
