def apply_overrides(obj, overrides):
    plan = []
    for path, value in overrides.items():
        *parents, last = path.split(".")
        target = obj
        for name in parents:
            target = getattr(target, name)
        getattr(target, last)  # raises AttributeError when it is missing
        plan.append((target, last, value))
    for target, last, value in plan:
        setattr(target, last, value)
