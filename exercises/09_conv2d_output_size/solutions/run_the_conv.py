# Style: ask nn.Conv2d itself: run it on an empty input and read the output shape.
# 风格：直接问 nn.Conv2d：在空输入上跑一次，读出输出的形状。
import torch
from torch import nn


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    conv = nn.Conv2d(1, 1, kernel_size, stride=stride, padding=padding, dilation=dilation,
                     bias=False)
    try:
        with torch.no_grad():
            out = conv(torch.zeros(1, 1, h, w))
    except RuntimeError as exc:
        raise ValueError(f"nn.Conv2d refuses a {h}x{w} input: {exc}") from exc
    return (out.shape[2], out.shape[3])
