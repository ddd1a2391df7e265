def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    # assumes every argument is an int
    eff = dilation * (kernel_size - 1) + 1
    h_out = (h + 2 * padding - eff) // stride + 1
    w_out = (w + 2 * padding - eff) // stride + 1
    if h_out < 1 or w_out < 1:
        raise ValueError("input too small")
    return h_out, w_out
