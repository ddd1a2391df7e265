import torch
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch, pad_value=0.0):
    seqs = [seq for seq, _ in batch]
    padded = pad_sequence(seqs, batch_first=True, padding_value=pad_value)
    lengths = (padded != pad_value).sum(dim=1)
    labels = torch.tensor([label for _, label in batch])
    return padded, lengths, labels
