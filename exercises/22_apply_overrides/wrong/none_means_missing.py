def apply_overrides(obj, overrides):
    plan = []
    for path, value in overrides.items():
        *parents, last = path.split(".")
        target = obj
        for name in parents:
            target = getattr(target, name, None)
            if target is None:
                raise AttributeError(f"cannot override {path!r}: no attribute {name!r}")
        if getattr(target, last, None) is None:
            raise AttributeError(f"cannot override {path!r}: no attribute {last!r}")
        plan.append((target, last, value))
    for target, last, value in plan:
        setattr(target, last, value)
