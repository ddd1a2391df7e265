# Style: functools.reduce(getattr, ...) walks the path; AttributeError re-raised with the path.
# 风格：用 functools.reduce(getattr, ...) 走完路径；AttributeError 重新抛出并带上路径。
import functools
from collections.abc import Mapping
from typing import Any


def _parent_and_name(obj: object, path: str) -> tuple[object, str]:
    *parents, last = path.split(".")
    try:
        parent = functools.reduce(getattr, parents, obj)
    except AttributeError:
        raise AttributeError(f"override {path}: an attribute on the path does not exist") from None
    if not hasattr(parent, last):
        raise AttributeError(f"override {path}: the attribute {last} does not exist")
    return parent, last


def apply_overrides(obj: object, overrides: Mapping[str, Any]) -> None:
    resolved = {path: _parent_and_name(obj, path) for path in overrides}
    for path, (parent, name) in resolved.items():
        setattr(parent, name, overrides[path])
