import torch
from torch import nn


def init_weights(m):
    if isinstance(m, (nn.Conv2d, nn.Linear)):
        m.weight = nn.Parameter(torch.randn_like(m.weight) * 0.02)  # a new object
        if m.bias is not None:
            m.bias = nn.Parameter(torch.zeros_like(m.bias))
    elif isinstance(m, nn.BatchNorm2d):
        m.weight = nn.Parameter(1.0 + torch.randn_like(m.weight) * 0.02)
        m.bias = nn.Parameter(torch.zeros_like(m.bias))
