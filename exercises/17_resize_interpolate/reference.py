import torch.nn.functional as F
from torch import Tensor

SMOOTH_MODES = {3: "linear", 4: "bilinear", 5: "trilinear"}


def resize(x: Tensor, size: tuple[int, ...], smooth: bool = True) -> Tensor:
    if x.dim() not in SMOOTH_MODES:
        raise ValueError(f"expected a 3-, 4- or 5-D tensor [N, C, ...], got {x.dim()}-D")
    if len(size) != x.dim() - 2:
        raise ValueError(f"size has {len(size)} entries but x has {x.dim() - 2} spatial dims")
    if smooth:
        return F.interpolate(x, size=size, mode=SMOOTH_MODES[x.dim()], align_corners=False)
    return F.interpolate(x, size=size, mode="nearest")
