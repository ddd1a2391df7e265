# Style: two explicit loops: check every path with hasattr first, then setattr them all.
# 风格：两个显式循环：先用 hasattr 检查所有路径，再统一 setattr。
def apply_overrides(obj, overrides):
    plan = []
    for path, value in overrides.items():
        names = path.split(".")
        last = names.pop()
        target = obj
        for name in names:
            if not hasattr(target, name):
                raise AttributeError(f"cannot override {path!r}: no attribute {name!r}")
            target = getattr(target, name)
        if not hasattr(target, last):
            raise AttributeError(f"cannot override {path!r}: no attribute {last!r}")
        plan.append((target, last, value))
    for target, name, value in plan:
        setattr(target, name, value)
