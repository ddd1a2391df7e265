def _pair(value: int | tuple[int, int]) -> tuple[int, int]:
    if isinstance(value, int):
        return value, value
    first, second = value
    return first, second


def conv2d_output_size(h: int, w: int, kernel_size, stride=1, padding=0,
                       dilation=1) -> tuple[int, int]:
    kernel, step, pad, dil = (_pair(v) for v in (kernel_size, stride, padding, dilation))
    out = []
    for i, size in enumerate((h, w)):
        size_out = (size + 2 * pad[i] - dil[i] * (kernel[i] - 1) - 1) // step[i] + 1
        if size_out < 1:
            raise ValueError(f"input {h}x{w} is too small for this convolution "
                             f"(output size {size_out} in dim {i})")
        out.append(size_out)
    return out[0], out[1]
