"""Exercise 10: pick flatten dims.

flatten_dims(shape, target): return (start_dim, end_dim), two ints, such that
torch.flatten(torch.empty(shape), start_dim, end_dim).shape == target. Raise ValueError when
no such pair exists.

flatten_features(x): flatten every dim but the batch dim (dim 0), as nn.Flatten() does, for
inputs of 2 or more dims, non-contiguous inputs and an empty batch (N = 0) included.
"""

from torch import Tensor


def flatten_dims(shape: tuple[int, ...], target: tuple[int, ...]) -> tuple[int, int]:
    # TODO: find a run of neighbouring dims whose product replaces them in `target`.
    raise NotImplementedError("flatten_dims is not written yet: return (start_dim, end_dim) "
                              "or raise ValueError")


def flatten_features(x: Tensor) -> Tensor:
    # TODO: keep dim 0, merge all the others into one.
    raise NotImplementedError("flatten_features is not written yet: return x flattened from "
                              "dim 1 on, shape [N, features]")
