import math

from torch import nn


def init_weights(m):
    if isinstance(m, (nn.Conv2d, nn.Linear)):
        bound = 0.02 * math.sqrt(3)  # a uniform with std 0.02, but not a normal
        nn.init.uniform_(m.weight, -bound, bound)
        if m.bias is not None:
            nn.init.zeros_(m.bias)
    elif isinstance(m, nn.BatchNorm2d):
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)
