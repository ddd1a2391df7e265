import torch

MAX_LEN = 16


def pad_collate(batch, pad_value=0.0):
    seqs = [seq for seq, _ in batch]
    padded = torch.full((len(seqs), MAX_LEN), pad_value, dtype=seqs[0].dtype)
    for i, seq in enumerate(seqs):
        padded[i, :len(seq)] = seq
    lengths = torch.tensor([len(seq) for seq in seqs])
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
