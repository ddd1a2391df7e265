# Style: one helper per dim, math.floor on a true division, pairs unpacked by hand.
# 风格：每个维度一个辅助函数，用 math.floor 对真除法取整，二元组手动拆开。
import math


def _as_pair(value):
    if isinstance(value, int):
        return (value, value)
    height_value, width_value = value
    return (height_value, width_value)


def _one_dim(size, kernel, stride, padding, dilation):
    reach = dilation * (kernel - 1) + 1
    out = math.floor((size + 2 * padding - reach) / stride) + 1
    if out < 1:
        raise ValueError(f"input size {size} is too small: output would be {out}")
    return out


def conv2d_output_size(h, w, kernel_size, stride=1, padding=0, dilation=1):
    kh, kw = _as_pair(kernel_size)
    sh, sw = _as_pair(stride)
    ph, pw = _as_pair(padding)
    dh, dw = _as_pair(dilation)
    return (_one_dim(h, kh, sh, ph, dh), _one_dim(w, kw, sw, pw, dw))
