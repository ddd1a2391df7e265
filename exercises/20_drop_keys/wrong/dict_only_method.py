def drop_keys(d, keys):
    new = d.copy()  # only a dict (or MappingProxyType) has .copy(); a Mapping need not
    for k in keys:
        new.pop(k, None)
    return new
