def apply_overrides(obj, overrides):
    for path, value in overrides.items():
        *parents, last = path.split(".")
        target = obj
        for name in parents:
            target = getattr(target, name)
        setattr(target, last, value)
