def channel_stats(images):
    # the tutorial loop: add up each batch's mean and std over batches of 16 images, then
    # divide by the number of batches
    mean = 0.0
    std = 0.0
    n_batches = 0
    for i in range(0, images.shape[0], 16):
        batch = images[i:i + 16]
        mean += batch.mean(dim=(0, 2, 3))
        std += batch.std(dim=(0, 2, 3), unbiased=False)
        n_batches += 1
    return mean / n_batches, std / n_batches


def normalize(images, mean, std):
    return (images - mean[:, None, None]) / std[:, None, None]
