def drop_keys(d, keys):
    for k in list(keys):
        if k in d:
            del d[k]
    return d
