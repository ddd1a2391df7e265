# Style: torch's own _pair helper and a generator over zip(...), as in many model codebases.
# 风格：用 torch 自带的 _pair，再对 zip(...) 用生成器表达式，很多模型代码这样写。
from torch.nn.modules.utils import _pair


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    sizes = tuple(
        (n + 2 * p - d * (k - 1) - 1) // s + 1
        for n, k, s, p, d in zip((h, w), _pair(kernel_size), _pair(stride), _pair(padding),
                                 _pair(dilation), strict=True)
    )
    if any(size <= 0 for size in sizes):
        raise ValueError(f"input ({h}, {w}) too small for this kernel: output {sizes}")
    return sizes
