# Style: a plain for loop that copies the pairs to keep into a new dict.
# 风格：用普通的 for 循环，把要保留的键值对复制到新字典里。
def drop_keys(d, keys):
    unwanted = set(keys)
    result = {}
    for key in d:
        if key not in unwanted:
            result[key] = d[key]
    return result
