# Style: tensor methods under torch.no_grad(), one branch per layer type.
# 风格：在 torch.no_grad() 里直接调用张量的原地方法，每种层一个分支。
import torch
from torch import nn


def init_weights(m: nn.Module) -> None:
    with torch.no_grad():
        if isinstance(m, nn.Linear):
            m.weight.normal_(mean=0.0, std=0.02)
            if m.bias is not None:
                m.bias.zero_()
        elif isinstance(m, nn.Conv2d):
            m.weight.normal_(mean=0.0, std=0.02)
            if m.bias is not None:
                m.bias.zero_()
        elif isinstance(m, nn.BatchNorm2d):
            m.weight.normal_(mean=1.0, std=0.02)
            m.bias.zero_()
