"""Exercise 06: a collate_fn for variable-length sequences.

pad_collate(batch, pad_value=0.0): `batch` is a list of (sequence, label) pairs, each sequence
a 1-D tensor (length >= 1, lengths differ) and each label an int. Return
(padded, lengths, labels):

- padded: [B, L_max] in the sequences' dtype, each row its sequence followed by pad_value;
- lengths: int64 tensor [B], the length of each sequence;
- labels: int64 tensor [B];

all in the batch's order. It is used as DataLoader(dataset, batch_size=..., collate_fn=pad_collate).
"""

from torch import Tensor


def pad_collate(batch: list[tuple[Tensor, int]],
                pad_value: float = 0.0) -> tuple[Tensor, Tensor, Tensor]:
    # TODO: split the batch into sequences and labels, pad the sequences on the right to the
    # longest one, and return (padded, lengths, labels) as tensors.
    raise NotImplementedError("pad_collate is not written yet: return (padded [B, L_max], "
                              "lengths [B], labels [B]) as tensors")
