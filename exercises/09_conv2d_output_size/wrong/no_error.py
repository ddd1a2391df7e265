def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    k, s, p, d = _pair(kernel_size), _pair(stride), _pair(padding), _pair(dilation)
    # never checks for an output below 1
    return tuple((size + 2 * p[i] - d[i] * (k[i] - 1) - 1) // s[i] + 1
                 for i, size in enumerate((h, w)))
