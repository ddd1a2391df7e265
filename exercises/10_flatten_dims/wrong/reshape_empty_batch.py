from math import prod


def flatten_dims(shape, target):
    shape, target = tuple(shape), tuple(target)
    if not shape:
        if target == (1,):
            return 0, 0
        raise ValueError("impossible")
    for start in range(len(shape)):
        for end in range(start, len(shape)):
            if shape[:start] + (prod(shape[start:end + 1]),) + shape[end + 1:] == target:
                return start, end
    raise ValueError("impossible")


def flatten_features(x):
    return x.reshape(x.size(0), -1)  # -1 is ambiguous when N = 0
