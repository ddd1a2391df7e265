# Style: the two conv blocks built in a loop from (in, out) channel pairs, collected in a dict.
# 风格：用循环按 (输入, 输出) 通道数构造两个卷积块，先收集在 dict 里。
from collections import OrderedDict

import torch.nn as nn


def build_classifier(in_channels, num_classes):
    layers = {}
    for i, (c_in, c_out) in enumerate([(in_channels, 16), (16, 32)], start=1):
        layers[f"conv{i}"] = nn.Conv2d(c_in, c_out, 3, 1, 1)
        layers[f"relu{i}"] = nn.ReLU()
        if i == 1:
            layers["pool1"] = nn.MaxPool2d(2)
    layers["pool"] = nn.AdaptiveAvgPool2d(1)
    layers["flatten"] = nn.Flatten()
    layers["fc"] = nn.Linear(32, num_classes)
    # nn.Sequential takes one OrderedDict (a plain dict is refused)
    return nn.Sequential(OrderedDict(layers))
