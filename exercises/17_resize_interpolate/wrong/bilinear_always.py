import torch.nn.functional as F


def resize(x, size, smooth=True):
    if x.dim() not in (3, 4, 5):
        raise ValueError("expected [N, C, ...] with 1 to 3 spatial dims")
    if len(size) != x.dim() - 2:
        raise ValueError("size does not match the spatial dims")
    if smooth:
        return F.interpolate(x, size=size, mode="bilinear", align_corners=False)
    return F.interpolate(x, size=size, mode="nearest")
