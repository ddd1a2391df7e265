# Style: the streaming way, as over a dataset too big for memory: add up the sum and the sum
# of squares image by image, then var = E[x^2] - E[x]^2 (exact, unlike averaging batch stats).
# 风格：像遍历放不进内存的数据集那样逐张累加总和与平方和，最后 var = E[x^2] - E[x]^2（结果精确）。
def channel_stats(images):
    channels = images.shape[1]
    total = images.new_zeros(channels)
    total_sq = images.new_zeros(channels)
    count = 0
    for image in images:  # [C, H, W]
        total += image.sum(dim=[1, 2])
        total_sq += (image ** 2).sum(dim=[1, 2])
        count += image.shape[1] * image.shape[2]
    mean = total / count
    std = (total_sq / count - mean ** 2).sqrt()
    return mean, std


def normalize(images, mean, std):
    shape = [1] * images.dim()  # [1, C, 1, 1] or [C, 1, 1]
    shape[-3] = -1
    return (images - mean.view(shape)) / std.view(shape)
