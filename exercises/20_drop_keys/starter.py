"""Exercise 20: removing dict keys.

Return a NEW dict holding every pair of `d` whose key is not in `keys`, in the original order.
Keys that `d` does not have are ignored, and `d` itself must not change.
"""

from collections.abc import Iterable, Mapping


def drop_keys(d: Mapping, keys: Iterable) -> dict:
    # TODO: build and return a new dict without the given keys.
    raise NotImplementedError("drop_keys is not written yet")
