# Style: torch.var_mean over the three dims at once, then sqrt; normalize channel by channel in
# a loop over a clone, the way one would write it without thinking of broadcasting.
# 风格：用 torch.var_mean 一次算出方差和均值再开方；normalize 在副本上逐通道计算。
import torch


def channel_stats(images):
    var, mean = torch.var_mean(images, dim=(0, 2, 3), unbiased=False)
    return mean, torch.sqrt(var)


def normalize(images, mean, std):
    out = images.clone()
    channel_axis = images.dim() - 3  # 1 for [N, C, H, W], 0 for [C, H, W]
    for c in range(images.shape[channel_axis]):
        channel = out.select(channel_axis, c)
        channel.sub_(mean[c]).div_(std[c])
    return out
