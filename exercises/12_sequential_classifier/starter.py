"""Exercise 12: nn.Sequential from an OrderedDict.

build_classifier(in_channels, num_classes) returns an nn.Sequential whose layers are named, in
this order: conv1 Conv2d(in_channels, 16, 3, padding=1), relu1, pool1 MaxPool2d(2),
conv2 Conv2d(16, 32, 3, padding=1), relu2, pool AdaptiveAvgPool2d(1), flatten nn.Flatten(),
fc Linear(32, num_classes). It maps any [N, in_channels, H, W] (H, W >= 2) to [N, num_classes].
"""

from collections import OrderedDict  # noqa: F401 - you will want it

from torch import nn


def build_classifier(in_channels: int, num_classes: int) -> nn.Sequential:
    # TODO: return nn.Sequential(OrderedDict([("conv1", nn.Conv2d(...)), ("relu1", ...), ...]))
    raise NotImplementedError("build_classifier is not written yet: return an nn.Sequential "
                              "built from an OrderedDict of (name, layer) pairs")
