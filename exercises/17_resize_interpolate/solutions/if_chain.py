# Style: an if/elif chain on x.ndim and the keyword arguments gathered in a dict.
# 风格：按 x.ndim 写 if/elif，把关键字参数收集到一个字典里。
import torch.nn.functional as F


def resize(x, size, smooth=True):
    if x.ndim == 3:
        mode = "linear"
    elif x.ndim == 4:
        mode = "bilinear"
    elif x.ndim == 5:
        mode = "trilinear"
    else:
        raise ValueError(f"resize takes [N, C, L], [N, C, H, W] or [N, C, D, H, W], not {x.ndim}-D")
    if len(size) != x.ndim - 2:
        raise ValueError(f"size must have one entry per spatial dim, got {len(size)}")
    if smooth:
        options = {"mode": mode, "align_corners": False}
    else:
        options = {"mode": "nearest"}
    return F.interpolate(x, size=tuple(size), **options)
