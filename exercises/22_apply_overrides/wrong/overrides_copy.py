def apply_overrides(obj, overrides):
    pending = overrides.copy()  # only a dict (or MappingProxyType) has .copy(); a Mapping need not
    plan = []
    for path in list(pending):
        *parents, last = path.split(".")
        target = obj
        for name in parents:
            if not hasattr(target, name):
                raise AttributeError(f"cannot override {path!r}")
            target = getattr(target, name)
        if not hasattr(target, last):
            raise AttributeError(f"cannot override {path!r}")
        plan.append((target, last, pending.pop(path)))
    for target, last, value in plan:
        setattr(target, last, value)
