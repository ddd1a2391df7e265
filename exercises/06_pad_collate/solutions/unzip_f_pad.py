# Style: unzip the batch with zip(*batch), pad each sequence on the right with F.pad and stack.
# 风格：用 zip(*batch) 拆开批次，每条序列用 F.pad 在右侧补齐后再 stack。
import torch
import torch.nn.functional as F


def pad_collate(batch, pad_value=0.0):
    seqs, labels = zip(*batch, strict=True)
    lengths = torch.tensor([seq.numel() for seq in seqs])
    longest = int(lengths.max())
    padded = torch.stack([F.pad(seq, (0, longest - seq.numel()), value=pad_value)
                          for seq in seqs])
    return padded, lengths, torch.tensor(labels)
