import torch
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch, pad_value=0.0):
    seqs, labels = zip(*batch)
    padded = pad_sequence(seqs, batch_first=True, padding_value=pad_value)
    lengths = torch.tensor([len(seq) for seq in seqs])
    return padded, lengths, labels
