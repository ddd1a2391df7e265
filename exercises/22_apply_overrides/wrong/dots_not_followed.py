def apply_overrides(obj, overrides):
    for path in overrides:
        if not hasattr(obj, path):
            raise AttributeError(f"no attribute {path!r}")
    for path, value in overrides.items():
        setattr(obj, path, value)
