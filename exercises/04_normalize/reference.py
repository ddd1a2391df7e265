import torch
from torch import Tensor


def channel_stats(images: Tensor) -> tuple[Tensor, Tensor]:
    mean = images.mean(dim=(0, 2, 3))
    std = images.std(dim=(0, 2, 3), unbiased=False)
    return mean, std


def normalize(images: Tensor, mean: Tensor, std: Tensor) -> Tensor:
    mean = torch.as_tensor(mean, dtype=images.dtype).reshape(-1, 1, 1)
    std = torch.as_tensor(std, dtype=images.dtype).reshape(-1, 1, 1)
    return (images - mean) / std
