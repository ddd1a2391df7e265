import torch
from torch import Tensor
from torch.nn.utils.rnn import pad_sequence


def pad_collate(batch: list[tuple[Tensor, int]],
                pad_value: float = 0.0) -> tuple[Tensor, Tensor, Tensor]:
    seqs = [seq for seq, _ in batch]
    padded = pad_sequence(seqs, batch_first=True, padding_value=pad_value)
    lengths = torch.tensor([len(seq) for seq in seqs], dtype=torch.int64)
    labels = torch.tensor([label for _, label in batch], dtype=torch.int64)
    return padded, lengths, labels
