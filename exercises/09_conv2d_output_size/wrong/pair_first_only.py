def _first(v):
    return v if isinstance(v, int) else v[0]  # a pair collapses to its height value


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    k, s, p, d = _first(kernel_size), _first(stride), _first(padding), _first(dilation)
    h_out = (h + 2 * p - d * (k - 1) - 1) // s + 1
    w_out = (w + 2 * p - d * (k - 1) - 1) // s + 1
    if h_out < 1 or w_out < 1:
        raise ValueError("input too small")
    return h_out, w_out
