import torch.nn.functional as F

MODES = {3: "linear", 4: "bilinear", 5: "trilinear"}


def resize(x, size, smooth=True):
    # Treats x as channels-last [N, ..., C], like an image from PIL or numpy, and moves the
    # "channels" to dim 1 for F.interpolate: really it resizes C and keeps the last dim.
    if x.dim() not in MODES:
        raise ValueError("expected [N, C, ...] with 1 to 3 spatial dims")
    if len(size) != x.dim() - 2:
        raise ValueError("size does not match the spatial dims")
    y = x.movedim(-1, 1)
    if smooth:
        y = F.interpolate(y, size=size, mode=MODES[x.dim()], align_corners=False)
    else:
        y = F.interpolate(y, size=size, mode="nearest")
    return y.movedim(1, -1)
