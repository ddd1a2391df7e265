# Style: arithmetic, no search over pairs: the dims before and after the merged run must match.
# 风格：纯计算，不枚举所有组合：被合并那一段前后的维度必须原样对上。
import math


def flatten_dims(shape, target):
    shape, target = list(shape), list(target)
    if not shape:
        shape = [1]  # flatten treats a scalar as one element
    merged_count = len(shape) - len(target) + 1
    if merged_count < 1:
        raise ValueError("the target has more dims than the shape")
    for start in range(len(target)):
        end = start + merged_count - 1
        if (shape[:start] == target[:start]
                and shape[end + 1:] == target[start + 1:]
                and math.prod(shape[start:end + 1]) == target[start]):
            return start, end
    raise ValueError(f"{shape} cannot be flattened into {target}")


def flatten_features(x):
    return x.reshape(x.shape[0], math.prod(x.shape[1:]))
