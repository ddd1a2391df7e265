def _walk(obj, path):
    *parents, last = path.split(".")
    for name in parents:
        obj = getattr(obj, name)
    return obj, last


def apply_overrides(obj, overrides):
    paths = list(overrides)
    if paths:
        target, last = _walk(obj, paths[0])
        if not hasattr(target, last):
            raise AttributeError(f"cannot override {paths[0]!r}: no attribute {last!r}")
    for path, value in overrides.items():
        target, last = _walk(obj, path)
        setattr(target, last, value)
