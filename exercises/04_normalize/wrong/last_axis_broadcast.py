def channel_stats(images):
    return images.mean(dim=(0, 2, 3)), images.std(dim=(0, 2, 3), unbiased=False)


def normalize(images, mean, std):
    return (images - mean) / std  # a [C] tensor lines up with the last axis, W
