from collections.abc import Mapping
from typing import Any


def _missing(path: str, walked: list[str], name: str) -> AttributeError:
    owner = repr(".".join(walked)) if walked else "the object"
    return AttributeError(f"cannot override {path!r}: {owner} has no attribute {name!r}")


def _resolve(obj: object, path: str) -> tuple[object, str]:
    """The object that holds the last attribute of `path`, and that attribute's name."""
    *parents, last = path.split(".")
    target = obj
    for depth, name in enumerate(parents):
        if not hasattr(target, name):
            raise _missing(path, parents[:depth], name)
        target = getattr(target, name)
    if not hasattr(target, last):
        raise _missing(path, parents, last)
    return target, last


def apply_overrides(obj: object, overrides: Mapping[str, Any]) -> None:
    plan = [(*_resolve(obj, path), value) for path, value in overrides.items()]
    for target, name, value in plan:
        setattr(target, name, value)
