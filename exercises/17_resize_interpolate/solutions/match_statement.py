# Style: a match statement on the number of spatial dims, interpolate imported by name.
# 风格：对空间维数用 match 语句，按名字导入 interpolate。
from torch import Tensor
from torch.nn.functional import interpolate


def resize(x: Tensor, size: tuple[int, ...], smooth: bool = True) -> Tensor:
    spatial = len(x.shape) - 2
    match spatial:
        case 1:
            mode = "linear"
        case 2:
            mode = "bilinear"
        case 3:
            mode = "trilinear"
        case _:
            raise ValueError("x must be [N, C, *spatial] with 1, 2 or 3 spatial dims")
    if len(size) != spatial:
        raise ValueError(f"x has {spatial} spatial dims but size has {len(size)} entries")
    if not smooth:
        return interpolate(x, size, mode="nearest")
    return interpolate(x, size, mode=mode, align_corners=False)
