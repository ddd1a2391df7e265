def channel_stats(images):
    c = images.shape[1]
    mean = images.mean(dim=(0, 2, 3))
    std = images.std(unbiased=False).expand(c)  # one std for all channels together
    return mean, std


def normalize(images, mean, std):
    return (images - mean.reshape(-1, 1, 1)) / std.reshape(-1, 1, 1)
