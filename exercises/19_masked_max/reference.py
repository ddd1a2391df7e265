from torch import Tensor


def masked_max(x: Tensor, mask: Tensor, dim: int) -> tuple[Tensor, Tensor]:
    # Same as x.masked_fill(...).max(dim=dim); amax + argmax avoid the multi-threaded path of
    # torch.max(dim), which is slow for tiny tensors on a busy machine (values are distinct).
    filled = x.masked_fill(~mask, float("-inf"))
    values, indices = filled.amax(dim=dim), filled.argmax(dim=dim)
    empty = ~mask.any(dim=dim)
    return values, indices.masked_fill(empty, -1)
