def drop_keys(d, keys):
    new = dict(d)
    for k in keys:
        new.pop(k)
    return new
