# Style: structural pattern matching on the layer type, nn.init with keyword arguments.
# 风格：用 match 语句按层类型分派，nn.init 的参数都按关键字传。
from torch import nn


def init_weights(m):
    match m:
        case nn.Conv2d() | nn.Linear():
            nn.init.normal_(m.weight, mean=0.0, std=0.02)
            if getattr(m, "bias", None) is not None:
                nn.init.constant_(m.bias, 0.0)
        case nn.BatchNorm2d():
            nn.init.normal_(m.weight, mean=1.0, std=0.02)
            nn.init.constant_(m.bias, 0.0)
        case _:
            pass
