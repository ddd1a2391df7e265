from torch import nn


def init_weights(m):
    if isinstance(m, (nn.Conv2d, nn.Linear, nn.BatchNorm2d)):
        nn.init.normal_(m.weight, 0.0, 0.02)  # BatchNorm's scale around 0
        if m.bias is not None:
            nn.init.zeros_(m.bias)
