"""Exercise 04: per-channel statistics and Normalize.

channel_stats(images): images is a float tensor [N, C, H, W]. Return (mean, std), both of
shape [C]: the mean and the population std (unbiased=False) of each channel over all N*H*W
values of that channel.

normalize(images, mean, std): return (images - mean) / std applied per channel, for
[N, C, H, W] or [C, H, W] input, without changing `images`.
"""

from torch import Tensor


def channel_stats(images: Tensor) -> tuple[Tensor, Tensor]:
    # TODO: reduce over every axis except the channel axis (dim 1).
    raise NotImplementedError("channel_stats is not written yet: return (mean, std), each [C]")


def normalize(images: Tensor, mean: Tensor, std: Tensor) -> Tensor:
    # TODO: reshape mean and std so they line up with the channel axis, then return a new tensor.
    raise NotImplementedError("normalize is not written yet: return (images - mean) / std "
                              "per channel, as a new tensor")
