def channel_stats(images):
    return images.mean(dim=(0, 2, 3)), images.std(dim=(0, 2, 3), unbiased=False)


def normalize(images, mean, std):
    return images.sub_(mean.view(-1, 1, 1)).div_(std.view(-1, 1, 1))
