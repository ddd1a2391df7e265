# Style: start from an empty nn.Sequential and name each layer with add_module.
# 风格：从空的 nn.Sequential 开始，用 add_module 逐层命名添加。
import torch.nn as nn


def build_classifier(in_channels, num_classes):
    model = nn.Sequential()
    model.add_module("conv1", nn.Conv2d(in_channels, 16, kernel_size=3, padding=1))
    model.add_module("relu1", nn.ReLU(inplace=True))
    model.add_module("pool1", nn.MaxPool2d(kernel_size=2, stride=2))
    model.add_module("conv2", nn.Conv2d(16, 32, kernel_size=3, padding=1))
    model.add_module("relu2", nn.ReLU(inplace=True))
    model.add_module("pool", nn.AdaptiveAvgPool2d((1, 1)))
    model.add_module("flatten", nn.Flatten(1))
    model.add_module("fc", nn.Linear(32, num_classes))
    return model
