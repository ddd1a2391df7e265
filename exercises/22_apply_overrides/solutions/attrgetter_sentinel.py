# Style: a sentinel object with getattr's default to test existence, operator.attrgetter to
# reach the parent when applying.
# 风格：用哨兵对象作 getattr 的默认值来判断属性是否存在，应用时用 operator.attrgetter 取父对象。
import operator

_MISSING = object()


def _check(obj, path):
    current = obj
    for name in path.split("."):
        current = getattr(current, name, _MISSING)
        if current is _MISSING:
            raise AttributeError(f"{path!r}: {name!r} does not exist")


def apply_overrides(obj, overrides):
    for path in overrides:
        _check(obj, path)
    for path, value in overrides.items():
        parent_path, _, name = path.rpartition(".")
        parent = operator.attrgetter(parent_path)(obj) if parent_path else obj
        setattr(parent, name, value)
