def masked_max(x, mask, dim):
    x[~mask] = float("-inf")  # writes into the caller's tensor
    values, indices = x.max(dim=dim)
    indices[~mask.any(dim=dim)] = -1
    return values, indices
