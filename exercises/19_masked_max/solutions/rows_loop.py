# Style: hand-written: move dim to the end, flatten to rows, and loop over the rows in Python.
# 风格：手写：把 dim 移到最后，展平成若干行，再用 Python 逐行循环。
import torch


def masked_max(x, mask, dim):
    moved_x = x.movedim(dim, -1)
    moved_mask = mask.movedim(dim, -1)
    out_shape = moved_x.shape[:-1]
    rows_x = moved_x.reshape(-1, moved_x.shape[-1])
    rows_mask = moved_mask.reshape(-1, moved_mask.shape[-1])
    values = torch.full((rows_x.shape[0],), float("-inf"), dtype=x.dtype)
    indices = torch.full((rows_x.shape[0],), -1, dtype=torch.long)
    for r in range(rows_x.shape[0]):
        kept = [p for p in range(rows_x.shape[1]) if rows_mask[r, p]]
        if kept:
            best = max(kept, key=lambda p: rows_x[r, p])
            values[r] = rows_x[r, best]
            indices[r] = best
    return values.reshape(out_shape), indices.reshape(out_shape)
