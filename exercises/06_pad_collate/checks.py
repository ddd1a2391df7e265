"""Checks for exercise 06: pad_collate, a collate_fn for variable-length sequences.

Batches are built here from drawn lengths, a drawn dtype and a drawn seed. Sequence values
never equal a drawn pad value (ints are drawn from 10..99, floats are k + 0.5), so the
padding can always be told apart from the data; only the lengths check puts zeros inside the
sequences, to catch lengths counted as "values that are not padding".
"""

import torch
from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect, expect_close, expect_type, fail

from . import reference

seeds = st.integers(0, 2**31 - 1)
dtypes = st.sampled_from(["float32", "int64"])
lengths_any = st.lists(st.integers(1, 7), min_size=1, max_size=6)
# At least two different lengths: some row is padded.
lengths_varied = st.lists(st.integers(1, 7), min_size=2, max_size=6).filter(
    lambda xs: len(set(xs)) > 1)
# All different: a reordering of the items always shows.
lengths_unique = st.lists(st.integers(1, 7), min_size=2, max_size=6, unique=True)
pad_values = st.sampled_from([-1.0, -100.0, 3.0, 250.0])  # integral: fine for int64 too


def make_batch(lengths, dtype, seed, *, with_zeros=False, trailing_zero=False):
    """A list of (1-D tensor, int label) pairs with the given lengths."""
    g = torch.Generator().manual_seed(seed)
    batch = []
    for n in lengths:
        if with_zeros:
            seq = torch.randint(0, 3, (n,), generator=g)
            if trailing_zero:
                seq[-1] = 0
            seq = seq.to(getattr(torch, dtype))
        elif dtype == "float32":
            seq = torch.randint(-20, 20, (n,), generator=g) + 0.5  # never a pad value
        else:
            seq = torch.randint(10, 100, (n,), generator=g)
        label = int(torch.randint(0, 10, (1,), generator=g))
        batch.append((seq, label))
    return batch


def collate(sub, batch, *args, **kwargs):
    got = sub.call("pad_collate", batch, *args, **kwargs)
    if not isinstance(got, (tuple, list)) or len(got) != 3:
        fail("pad_collate should return three things, (padded, lengths, labels)",
             expected="(padded, lengths, labels)", got=got)
    return got


def expect_padded_shape(padded, batch):
    expect_type(padded, torch.Tensor, "padded (the first item returned)")
    rows, width = len(batch), max(len(seq) for seq, _ in batch)
    want = [rows, width]
    shape = list(padded.shape)
    if shape == want:
        return
    if shape == [width, rows]:
        fail(f"padded has shape [L_max, B] = {shape}; the batch dim must come first, "
             "[B, L_max] (pad_sequence needs batch_first=True)", expected=f"shape {want}",
             got=padded)
    if len(shape) == 2 and shape[0] == rows:
        fail(f"padded is {shape[1]} wide, but the longest sequence in this batch has {width} "
             "values; pad to the longest sequence of each batch, not to a fixed length",
             expected=f"shape {want}", got=padded)
    fail(f"padded should have shape [B, L_max] = {want}: one row per item, as wide as the "
         "longest sequence", expected=f"shape {want}", got=padded)


def left_padded(batch, pad_value):
    padded = reference.pad_collate(batch, pad_value)[0].clone()
    for row, (seq, _) in enumerate(batch):
        padded[row].fill_(pad_value)
        padded[row, padded.shape[1] - len(seq):] = seq
    return padded


def expect_padded_values(padded, batch, pad_value, pad_given):
    want = reference.pad_collate(batch, pad_value)[0]
    expect_padded_shape(padded, batch)
    expect(padded.dtype == want.dtype,
           f"padded has dtype {padded.dtype}, but the sequences are {want.dtype}",
           expected=want, got=padded)
    if torch.equal(padded, want):
        return
    if torch.equal(padded, left_padded(batch, pad_value)):
        fail("the sequences sit at the END of their rows (left padding); put each sequence "
             "at the start of its row and the padding after it", expected=want, got=padded)
    rows = [next((j for j in range(len(batch)) if torch.equal(padded[i], want[j])), None)
            for i in range(len(batch))]
    if None not in rows and sorted(rows) == list(range(len(batch))):
        fail(f"the rows hold the items in the order {rows}, not in the batch's order; keep "
             "item i in row i", expected=want, got=padded)
    lengths = torch.tensor([len(seq) for seq, _ in batch])
    pad_area = torch.arange(want.shape[1]) >= lengths[:, None]
    if (pad_given and bool(pad_area.any()) and bool((padded[pad_area] == 0).all())
            and torch.equal(padded[~pad_area], want[~pad_area])):
        fail(f"the padding is 0, but pad_value was {pad_value:g}; fill the padding with "
             "pad_value (pad_sequence takes it as padding_value=...)", expected=want, got=padded)
    expect_close(padded, want, "padded (the first item returned)", rtol=0, atol=0)


def expect_int64_vector(value, want, what, list_hint):
    if isinstance(value, (list, tuple)):
        fail(f"{what} is a Python {type(value).__name__}; return a tensor, e.g. "
             f"{list_hint}, so the training loop can use it like the other batch tensors",
             expected=want, got=value)
    expect_type(value, torch.Tensor, what)
    expect(value.dtype == torch.int64,
           f"{what} has dtype {value.dtype}; it should be int64 (torch.long)",
           expected=want, got=value)
    expect(list(value.shape) == list(want.shape),
           f"{what} should have shape [B] = {list(want.shape)}, one value per item",
           expected=want, got=value)


@check("padded is [B, L_max]: one row per item, as wide as the longest sequence in this batch",
       lengths=lengths_any, dtype=dtypes, seed=seeds)
@example(lengths=[2, 5, 3], dtype="float32", seed=1)
@example(lengths=[1, 2], dtype="int64", seed=2)
@example(lengths=[1], dtype="float32", seed=3)
def padded_shape(sub, lengths, dtype, seed):
    batch = make_batch(lengths, dtype, seed)
    padded, _, _ = collate(sub, batch)
    expect_padded_shape(padded, batch)


@check("padded keeps the dtype of the sequences (float32 stays float32, int64 stays int64)",
       lengths=lengths_any, dtype=dtypes, seed=seeds)
@example(lengths=[3, 1, 2], dtype="int64", seed=4)
@example(lengths=[3, 1, 2], dtype="float32", seed=5)
def padded_dtype(sub, lengths, dtype, seed):
    batch = make_batch(lengths, dtype, seed)
    padded, _, _ = collate(sub, batch)
    expect_type(padded, torch.Tensor, "padded (the first item returned)")
    want = getattr(torch, dtype)
    expect(padded.dtype == want,
           f"padded has dtype {padded.dtype}, but the sequences are {want}; create the padded "
           "tensor with the sequences' dtype (torch.full(..., dtype=seq.dtype), "
           "seq.new_full(...)) or let pad_sequence do it",
           expected=f"dtype {want}", got=padded)


@check("each row holds its sequence from the start, followed by padding (right padding)",
       lengths=lengths_any, dtype=dtypes, seed=seeds)
@example(lengths=[1, 3, 2], dtype="float32", seed=6)
@example(lengths=[4, 2], dtype="int64", seed=7)
def right_padded(sub, lengths, dtype, seed):
    batch = make_batch(lengths, dtype, seed)
    padded, _, _ = collate(sub, batch)
    expect_padded_values(padded, batch, 0.0, pad_given=False)


@check("fills the padding with pad_value", lengths=lengths_varied, dtype=dtypes,
       pad_value=pad_values, positional=st.booleans(), seed=seeds)
@example(lengths=[1, 3, 2], dtype="float32", pad_value=-1.0, positional=False, seed=8)
@example(lengths=[2, 1], dtype="int64", pad_value=250.0, positional=True, seed=9)
def uses_pad_value(sub, lengths, dtype, pad_value, positional, seed):
    batch = make_batch(lengths, dtype, seed)
    if positional:
        padded, _, _ = collate(sub, batch, pad_value)
    else:
        padded, _, _ = collate(sub, batch, pad_value=pad_value)
    expect_padded_values(padded, batch, pad_value, pad_given=True)


@check("keeps the batch's order (no sorting by length)", lengths=lengths_unique, dtype=dtypes,
       seed=seeds)
@example(lengths=[1, 3, 2], dtype="float32", seed=10)
@example(lengths=[2, 5, 4, 1], dtype="int64", seed=11)
def keeps_order(sub, lengths, dtype, seed):
    batch = make_batch(lengths, dtype, seed)
    padded, got_lengths, labels = collate(sub, batch)
    want = reference.pad_collate(batch)
    expect_padded_shape(padded, batch)
    if isinstance(got_lengths, torch.Tensor) and got_lengths.shape == want[1].shape:
        got_order = got_lengths.tolist()
        if got_order != lengths and got_order in (sorted(lengths, reverse=True),
                                                  sorted(lengths)):
            fail("the items come back sorted by length; keep them in the order of the batch "
                 "(sorting is only needed for pack_padded_sequence, which also takes "
                 "enforce_sorted=False)", expected=want[1], got=got_lengths)
    if padded.dtype == want[0].dtype and not torch.equal(padded, want[0]):
        for row in range(len(batch)):
            if not torch.equal(padded[row], want[0][row]):
                fail(f"row {row} of padded does not hold item {row} of the batch; keep the "
                     "items in the order they came", expected=want[0], got=padded)
    expect_close(padded, want[0], "padded (the first item returned)", rtol=0, atol=0)


@check("lengths is an int64 tensor [B] holding each sequence's true length",
       lengths=lengths_any, dtype=dtypes, trailing_zero=st.booleans(), seed=seeds)
@example(lengths=[3, 1, 2], dtype="int64", trailing_zero=True, seed=12)
@example(lengths=[2, 4], dtype="float32", trailing_zero=False, seed=13)
def true_lengths(sub, lengths, dtype, trailing_zero, seed):
    batch = make_batch(lengths, dtype, seed, with_zeros=True, trailing_zero=trailing_zero)
    _, got, _ = collate(sub, batch)
    want = torch.tensor(lengths, dtype=torch.int64)
    expect_int64_vector(got, want, "lengths (the second item returned)",
                        "torch.tensor([len(s) for s in seqs])")
    if torch.equal(got, want):
        return
    if bool((got == max(lengths)).all()):
        fail("every length equals L_max: they were measured after padding; measure each "
             "sequence before padding it", expected=want, got=got)
    nonzero = torch.tensor([int((seq != 0).sum()) for seq, _ in batch])
    if torch.equal(got, nonzero):
        fail("lengths count the values that differ from the pad value, but a sequence may "
             "hold that value itself (here 0); use each sequence's own length, len(seq)",
             expected=want, got=got)
    expect_close(got, want, "lengths (the second item returned)", rtol=0, atol=0)


@check("labels is an int64 tensor [B] of the labels, in the batch's order",
       lengths=lengths_any, dtype=dtypes, seed=seeds)
@example(lengths=[2, 1, 3], dtype="float32", seed=14)
def labels_tensor(sub, lengths, dtype, seed):
    batch = make_batch(lengths, dtype, seed)
    _, _, got = collate(sub, batch)
    want = torch.tensor([label for _, label in batch], dtype=torch.int64)
    expect_int64_vector(got, want, "labels (the third item returned)",
                        "torch.tensor(labels)")
    expect_close(got, want, "labels (the third item returned)", rtol=0, atol=0)


@check("works as DataLoader(dataset, batch_size=k, collate_fn=pad_collate)",
       lengths=st.lists(st.integers(1, 7), min_size=1, max_size=9), dtype=dtypes,
       batch_size=st.integers(1, 4), pad_value=st.one_of(st.none(), pad_values), seed=seeds)
@example(lengths=[1, 2, 5, 3, 7], dtype="float32", batch_size=2, pad_value=None, seed=15)
@example(lengths=[4, 1, 2, 6, 3], dtype="int64", batch_size=3, pad_value=-1.0, seed=16)
def in_dataloader(sub, lengths, dtype, batch_size, pad_value, seed):
    items = make_batch(lengths, dtype, seed)
    got = sub.probe("through_dataloader", items, batch_size, pad_value,
                    shown_as="DataLoader(dataset, collate_fn=pad_collate)")
    chunks = [items[i:i + batch_size] for i in range(0, len(items), batch_size)]
    expect(isinstance(got, list) and len(got) == len(chunks),
           f"the DataLoader should give {len(chunks)} batches", got=got)
    pad = 0.0 if pad_value is None else pad_value
    for index, (chunk, batch) in enumerate(zip(chunks, got, strict=True)):
        if not isinstance(batch, (tuple, list)) or len(batch) != 3:
            fail(f"batch {index} of the DataLoader is not (padded, lengths, labels)",
                 expected="(padded, lengths, labels)", got=batch)
        padded, got_lengths, labels = batch
        want = reference.pad_collate(chunk, pad)
        expect_padded_shape(padded, chunk)
        for value, expected, what in ((padded, want[0], "padded"),
                                      (got_lengths, want[1], "lengths"),
                                      (labels, want[2], "labels")):
            expect_close(value, expected, f"{what} of batch {index} (items "
                         f"{index * batch_size}..{index * batch_size + len(chunk) - 1})",
                         rtol=0, atol=0)
