def apply_overrides(obj, overrides):
    plan = []
    for path, value in overrides.items():
        *parents, last = path.split(".")
        target = obj
        for name in parents:
            if not hasattr(target, name):
                raise KeyError(f"unknown override {path!r}")
            target = getattr(target, name)
        if not hasattr(target, last):
            raise KeyError(f"unknown override {path!r}")
        plan.append((target, last, value))
    for target, last, value in plan:
        setattr(target, last, value)
