"""Exercise 09: Conv2d output size.

Return the (H_out, W_out) that nn.Conv2d produces for an input of height h and width w. Each of
kernel_size, stride, padding and dilation is an int (the same for both dims) or an (int, int)
pair (height first, then width). Raise ValueError where nn.Conv2d would fail because the input
is too small (an output size below 1).
"""


def conv2d_output_size(h: int, w: int, kernel_size, stride=1, padding=0,
                       dilation=1) -> tuple[int, int]:
    # TODO: turn every argument into a (height, width) pair, then for each dim
    #   out = floor((size + 2 * padding - dilation * (kernel_size - 1) - 1) / stride) + 1
    raise NotImplementedError("conv2d_output_size is not written yet: return (H_out, W_out), "
                              "or raise ValueError when an output size would be below 1")
