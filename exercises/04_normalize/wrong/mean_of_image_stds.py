def channel_stats(images):
    mean = images.mean(dim=(0, 2, 3))
    std = images.std(dim=(2, 3), unbiased=False).mean(dim=0)  # one std per image, then averaged
    return mean, std


def normalize(images, mean, std):
    return (images - mean.reshape(-1, 1, 1)) / std.reshape(-1, 1, 1)
