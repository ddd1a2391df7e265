def drop_keys(d, keys):
    drop = set(keys)
    return {k: d[k] for k in sorted(d, key=repr) if k not in drop}
