def channel_stats(images):
    return images.mean(dim=(0, 2, 3)), images.std(dim=(0, 2, 3), unbiased=False)


def normalize(images, mean, std):
    # [1, C, 1, 1] fits a batch, but turns a single image [C, H, W] into [1, C, H, W]
    return (images - mean.view(1, -1, 1, 1)) / std.view(1, -1, 1, 1)
