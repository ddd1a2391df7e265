def apply_overrides(obj, overrides):
    for path, value in overrides.items():
        *parents, last = path.split(".")
        target = obj
        for name in parents:
            if not hasattr(target, name):
                raise AttributeError(f"cannot override {path!r}: no attribute {name!r}")
            target = getattr(target, name)
        if not hasattr(target, last):
            raise AttributeError(f"cannot override {path!r}: no attribute {last!r}")
        setattr(target, last, value)
