# Style: a plain for loop over the two dims, divmod for the division, a list turned into a tuple.
# 风格：对两个维度用普通 for 循环，用 divmod 做除法，最后把列表转成元组。


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    params = []
    for value in (kernel_size, stride, padding, dilation):
        if isinstance(value, (tuple, list)):
            params.append(list(value))
        else:
            params.append([value, value])
    result = []
    for dim, size in enumerate([h, w]):
        k, s, p, d = (param[dim] for param in params)
        span = size + 2 * p - d * (k - 1) - 1
        if span < 0:
            raise ValueError("kernel does not fit in the padded input")
        steps, _ = divmod(span, s)
        result.append(steps + 1)
    return tuple(result)
