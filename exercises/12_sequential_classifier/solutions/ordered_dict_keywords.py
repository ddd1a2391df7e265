# Style: OrderedDict built from keyword arguments (ordered since Python 3.7), padding="same".
# 风格：用关键字参数构造 OrderedDict（Python 3.7 起保持顺序），padding 写成 "same"。
from collections import OrderedDict

from torch import nn


def build_classifier(in_channels: int, num_classes: int) -> nn.Sequential:
    layers = OrderedDict(
        conv1=nn.Conv2d(in_channels, 16, (3, 3), padding="same"),
        relu1=nn.ReLU(),
        pool1=nn.MaxPool2d(2),
        conv2=nn.Conv2d(16, 32, (3, 3), padding="same"),
        relu2=nn.ReLU(),
        pool=nn.AdaptiveAvgPool2d(output_size=1),
        flatten=nn.Flatten(start_dim=1, end_dim=-1),
        fc=nn.Linear(in_features=32, out_features=num_classes),
    )
    return nn.Sequential(layers)
