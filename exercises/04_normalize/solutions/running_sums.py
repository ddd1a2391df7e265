# Style: the streaming way, as over a dataset too big for memory: add up the sum and the sum
# of squares image by image, then var = E[x^2] - E[x]^2 (exact, unlike averaging batch stats).
# 风格：像遍历放不进内存的数据集那样逐张累加总和与平方和，最后 var = E[x^2] - E[x]^2（结果精确）。
import torch


def channel_stats(images):
    channels = images.shape[1]
    total = torch.zeros(channels, dtype=images.dtype)
    total_sq = torch.zeros(channels, dtype=images.dtype)
    count = 0
    for image in images:  # [C, H, W]
        total += image.sum(dim=[1, 2])
        total_sq += (image ** 2).sum(dim=[1, 2])
        count += image.shape[1] * image.shape[2]
    mean = total / count
    std = (total_sq / count - mean ** 2).clamp(min=0).sqrt()
    return mean, std


def normalize(images, mean, std):
    if images.dim() == 4:
        return (images - mean.view(1, -1, 1, 1)) / std.view(1, -1, 1, 1)
    return (images - mean.view(-1, 1, 1)) / std.view(-1, 1, 1)
