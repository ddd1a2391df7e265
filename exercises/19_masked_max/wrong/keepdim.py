def masked_max(x, mask, dim):
    values, indices = x.masked_fill(~mask, float("-inf")).max(dim=dim, keepdim=True)
    empty = ~mask.any(dim=dim, keepdim=True)
    return values, indices.masked_fill(empty, -1)
