# Style: torch.full with the first sequence's dtype, each row's start filled with copy_();
# lengths and labels built with torch.as_tensor (Python ints become int64).
# 风格：用 torch.full 按第一条序列的 dtype 建张量，再用 copy_() 填入每行开头；
# lengths 和 labels 用 torch.as_tensor 构造（Python int 默认就是 int64）。
import torch


def pad_collate(batch: list, pad_value: float = 0.0):
    sizes = [len(seq) for seq, _ in batch]
    out = torch.full((len(batch), max(sizes)), pad_value, dtype=batch[0][0].dtype)
    for i, (seq, _) in enumerate(batch):
        out[i, :sizes[i]].copy_(seq)
    lengths = torch.as_tensor(sizes)
    labels = torch.as_tensor([label for _, label in batch])
    return out, lengths, labels
