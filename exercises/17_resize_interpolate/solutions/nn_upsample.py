# Style: the module form, torch.nn.Upsample (it calls F.interpolate), the mode from a list.
# 风格：用模块形式 torch.nn.Upsample（内部调用 F.interpolate），模式从列表里取。
import torch

SMOOTH = ["linear", "bilinear", "trilinear"]


def resize(x, size, smooth=True):
    spatial = x.dim() - 2
    if not 1 <= spatial <= 3:
        raise ValueError("expected x as [N, C, ...] with 1 to 3 spatial dims after N and C")
    if len(size) != spatial:
        raise ValueError("len(size) must equal the number of spatial dims")
    if smooth:
        layer = torch.nn.Upsample(size=tuple(size), mode=SMOOTH[spatial - 1], align_corners=False)
    else:
        layer = torch.nn.Upsample(size=tuple(size), mode="nearest")
    return layer(x)
