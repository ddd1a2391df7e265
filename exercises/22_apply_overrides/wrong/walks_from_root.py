def apply_overrides(obj, overrides):
    plan = []
    for path, value in overrides.items():
        *parents, last = path.split(".")
        target = obj
        for name in parents:
            if not hasattr(obj, name):
                raise AttributeError(f"cannot override {path!r}: no attribute {name!r}")
            target = getattr(obj, name)
        if not hasattr(target, last):
            raise AttributeError(f"cannot override {path!r}: no attribute {last!r}")
        plan.append((target, last, value))
    for target, last, value in plan:
        setattr(target, last, value)
