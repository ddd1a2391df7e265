import torch

_width = None


def pad_collate(batch, pad_value=0.0):
    global _width
    seqs = [seq for seq, _ in batch]
    if _width is None:
        _width = max(len(seq) for seq in seqs)
    padded = seqs[0].new_full((len(seqs), _width), pad_value)
    for i, seq in enumerate(seqs):
        padded[i, :min(len(seq), _width)] = seq[:_width]
    lengths = torch.tensor([len(seq) for seq in seqs])
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
