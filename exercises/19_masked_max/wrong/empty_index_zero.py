def masked_max(x, mask, dim):
    values, indices = x.masked_fill(~mask, float("-inf")).max(dim=dim)
    return values, indices
