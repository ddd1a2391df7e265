from collections.abc import Iterable, Mapping


def drop_keys(d: Mapping, keys: Iterable) -> dict:
    drop = set(keys)
    return {k: v for k, v in d.items() if k not in drop}
