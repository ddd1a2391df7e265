# Style: torch.full with the first sequence's dtype, rows filled with narrow(...).copy_();
# lengths and labels built with torch.as_tensor.
# 风格：用 torch.full 按第一条序列的 dtype 建张量，再用 narrow(...).copy_() 填入；
# lengths 和 labels 用 torch.as_tensor 构造。
import torch


def pad_collate(batch: list, pad_value: float = 0.0):
    sizes = [seq.shape[0] for seq, _ in batch]
    out = torch.full((len(batch), max(sizes)), pad_value, dtype=batch[0][0].dtype)
    for row, (seq, _) in zip(out, batch, strict=True):
        row.narrow(0, 0, seq.shape[0]).copy_(seq)
    lengths = torch.as_tensor(sizes, dtype=torch.int64)
    labels = torch.as_tensor([label for _, label in batch], dtype=torch.int64)
    return out, lengths, labels
