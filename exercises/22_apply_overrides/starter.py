"""Exercise 22: override nested attributes from dotted paths, with getattr and setattr.

apply_overrides(obj, overrides): for each "a.b.c": value in `overrides`, walk obj.a.b with
getattr and set its attribute c with setattr. Every attribute on a path, the last one
included, must already exist: otherwise raise AttributeError naming the path. When any path
is invalid, nothing at all is changed.
"""

from collections.abc import Mapping
from typing import Any


def apply_overrides(obj: object, overrides: Mapping[str, Any]) -> None:
    # TODO: first check every path (getattr along "a.b", hasattr for the last name), then
    # set them all with setattr.
    raise NotImplementedError("apply_overrides is not written yet: walk each dotted path with "
                              "getattr and set its last attribute with setattr")
