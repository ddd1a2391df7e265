# Style: copy with dict(d), then pop each key with a default so a missing key is ignored.
# 风格：先用 dict(d) 复制，再逐个 pop（带默认值，键不存在时忽略）。
from collections.abc import Iterable, Mapping


def drop_keys(d: Mapping, keys: Iterable) -> dict:
    result = dict(d)
    for key in keys:
        result.pop(key, None)
    return result
