import torch.nn.functional as F

MODES = {3: "linear", 4: "bilinear", 5: "trilinear"}


def resize(x, size, smooth=True):
    if x.dim() not in MODES:
        raise ValueError("expected [N, C, ...] with 1 to 3 spatial dims")
    size = tuple(size)
    if len(size) == 1:
        size = size * (x.dim() - 2)  # one number for every spatial dim, like an int size
    if smooth:
        return F.interpolate(x, size=size, mode=MODES[x.dim()], align_corners=False)
    return F.interpolate(x, size=size, mode="nearest")
