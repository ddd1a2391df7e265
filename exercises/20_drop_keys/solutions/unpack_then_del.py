# Style: {**d} to copy any Mapping, then del the keys that are present.
# 风格：用 {**d} 复制任意 Mapping，再 del 掉存在的键。
def drop_keys(d, keys):
    result = {**d}
    for key in frozenset(keys):
        if key in result:
            del result[key]
    return result
