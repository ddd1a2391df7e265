def drop_keys(d, keys):
    drop = set(keys)
    if not drop & set(d):
        return d
    return {k: v for k, v in d.items() if k not in drop}
