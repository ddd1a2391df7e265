import torch


def channel_stats(images):
    return torch.std_mean(images, dim=(0, 2, 3), unbiased=False)  # returns (std, mean)


def normalize(images, mean, std):
    return (images - mean.reshape(-1, 1, 1)) / std.reshape(-1, 1, 1)
