def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    k, s, p = _pair(kernel_size), _pair(stride), _pair(padding)
    out = []
    for i, size in enumerate((h, w)):
        o = (size + 2 * p[i] - k[i]) // s[i] + 1  # the kernel's reach without dilation
        if o < 1:
            raise ValueError("input too small")
        out.append(o)
    return tuple(out)
