# Style: dict() over filter() on the items, with the keys to drop read once into a set.
# 风格：对 items() 用 filter()，再交给 dict()；要删除的键先一次性读进集合。
def drop_keys(d, keys):
    drop = set(keys)
    return dict(filter(lambda item: item[0] not in drop, d.items()))
