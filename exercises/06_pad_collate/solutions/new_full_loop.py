# Style: the hand-written version: a tensor of pad_value made with new_full (same dtype as the
# sequences), then each sequence copied into the start of its row in a loop.
# 风格：手写版本：用 new_full 建一个填满 pad_value 的张量（与序列同 dtype），再逐行拷贝序列。
import torch


def pad_collate(batch, pad_value=0.0):
    max_len = max(len(seq) for seq, _ in batch)
    padded = batch[0][0].new_full((len(batch), max_len), pad_value)
    lengths = torch.zeros(len(batch), dtype=torch.long)
    labels = torch.zeros(len(batch), dtype=torch.long)
    for i, (seq, label) in enumerate(batch):
        padded[i, :len(seq)] = seq
        lengths[i] = len(seq)
        labels[i] = label
    return padded, lengths, labels
