from collections import OrderedDict

from torch import nn


def build_classifier(in_channels, num_classes):
    return nn.Sequential(OrderedDict([
        ("conv1", nn.Conv2d(in_channels, 16, 3, padding=1)),
        ("relu1", nn.ReLU()),
        ("pool1", nn.MaxPool2d(2)),
        ("conv2", nn.Conv2d(16, 64, 3, padding=1)),  # 64 instead of 32
        ("relu2", nn.ReLU()),
        ("pool", nn.AdaptiveAvgPool2d(1)),
        ("flatten", nn.Flatten()),
        ("fc", nn.Linear(64, num_classes)),
    ]))
