def channel_stats(images):
    flat = images.transpose(0, 1).reshape(images.shape[1], -1)
    return flat.mean(dim=1), flat.std(dim=1)  # unbiased (n - 1) by default


def normalize(images, mean, std):
    return (images - mean[:, None, None]) / std[:, None, None]
