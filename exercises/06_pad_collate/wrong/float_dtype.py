import torch


def pad_collate(batch, pad_value=0.0):
    seqs = [seq for seq, _ in batch]
    longest = max(len(seq) for seq in seqs)
    padded = torch.zeros(len(seqs), longest) + pad_value
    for i, seq in enumerate(seqs):
        padded[i, :len(seq)] = seq
    lengths = torch.tensor([len(seq) for seq in seqs])
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
