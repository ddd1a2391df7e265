"""Checks for exercise 10: pick flatten dims, and flatten features as nn.Flatten() does.

A pair from flatten_dims is judged by applying it, here in the supervisor, with
torch.flatten(torch.empty(shape), start_dim, end_dim): any pair that gives the target passes,
whichever one the reference would have picked.
"""

from math import prod

import torch
from hypothesis import assume, example
from hypothesis import strategies as st

from grader.judge import check, expect, expect_equal, fail

from . import reference

sizes = st.one_of(st.just(1), st.integers(2, 5))  # size-1 dims often: they allow several pairs
shapes = st.lists(sizes, max_size=5).map(tuple)


def merged(shape, start, end):
    return shape[:start] + (prod(shape[start:end + 1]),) + shape[end + 1:]


def possible(shape, target):
    try:
        reference.flatten_dims(shape, target)
    except ValueError:
        return False
    return True


@st.composite
def valid_cases(draw):
    shape = draw(shapes)
    if not shape:
        return shape, (1,)
    start = draw(st.integers(0, len(shape) - 1))
    end = draw(st.integers(start, len(shape) - 1))
    return shape, merged(shape, start, end)


@st.composite
def impossible_cases(draw):
    shape, target = draw(valid_cases())
    target = list(target)
    kind = draw(st.sampled_from(["size", "order", "extra_one", "split", "empty"]))
    if kind == "size":  # the total number of elements no longer matches
        i = draw(st.integers(0, len(target) - 1))
        target[i] += draw(st.integers(1, 3))
    elif kind == "order":  # same elements, but the merged dims are not neighbours
        if len(shape) >= 3:
            i = draw(st.integers(0, len(shape) - 3))
            j = draw(st.integers(i + 2, len(shape) - 1))
            target = list(shape)
            target[i] *= target.pop(j)
        else:
            target = list(reversed(shape))
    elif kind == "extra_one":  # flatten never adds a dim, not even a size-1 one
        target.insert(draw(st.integers(0, len(target))), 1)
    elif kind == "split":  # flatten never splits a dim
        i = draw(st.integers(0, len(target) - 1))
        factors = [f for f in range(2, target[i]) if target[i] % f == 0]
        assume(factors)
        f = draw(st.sampled_from(factors))
        target[i:i + 1] = [f, target[i] // f]
    else:
        target = []  # flatten always returns at least one dim
    target = tuple(target)
    assume(not possible(shape, target))
    return shape, target


def flattened(shape, pair, case_text):
    start, end = pair
    try:
        return tuple(torch.flatten(torch.empty(shape), start, end).shape)
    except (IndexError, RuntimeError, TypeError) as exc:
        fail(f"your pair does not work: torch.flatten(torch.empty({shape}), {start}, {end}) "
             f"raises {type(exc).__name__}: {exc}. Valid dims for {len(shape)} dims are "
             f"{-max(len(shape), 1)}..{max(len(shape), 1) - 1}, and end_dim is inclusive",
             expected=f"a pair for {case_text}", got=pair)


def dims_pair(got):
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail("flatten_dims should return a pair (start_dim, end_dim)",
             expected="(start_dim, end_dim)", got=got)
    for value, what in zip(got, ("start_dim", "end_dim"), strict=True):
        if type(value) is not int:
            kind = "tensor" if isinstance(value, torch.Tensor) else type(value).__name__
            fail(f"{what} should be a Python int, but it is a {kind}; convert it with int(...)",
                 expected="two ints", got=got)
    return got


def expect_valid_pair(sub, shape, target):
    case_text = f"{shape} -> {target}"
    outcome = sub.outcome("flatten_dims", shape, target)
    if not isinstance(outcome, tuple):
        fail(f"flatten_dims raised {outcome.type}, but a pair exists: "
             f"{reference.flatten_dims(shape, target)} turns {shape} into {target}",
             expected=reference.flatten_dims(shape, target), got=outcome.type)
    pair = dims_pair(outcome[0])
    got_shape = flattened(shape, pair, case_text)
    expect(got_shape == tuple(target),
           f"torch.flatten(torch.empty({shape}), {pair[0]}, {pair[1]}) has shape "
           f"{got_shape}, not the target {target}; remember end_dim is inclusive",
           expected=f"a pair giving {target}", got=pair)


@check("flatten_dims returns (start_dim, end_dim) as two ints", case=valid_cases())
@example(case=((2, 3, 4), (6, 4)))
@example(case=((2, 3, 4), (2, 12)))
def returns_two_ints(sub, case):
    shape, target = case
    dims_pair(sub.call("flatten_dims", shape, target))


@check("flatten_dims returns a pair that turns shape into target", case=valid_cases())
@example(case=((2, 3, 4), (6, 4)))
@example(case=((2, 3, 4), (2, 12)))
@example(case=((2, 3, 4), (24,)))
@example(case=((2, 1, 3), (2, 3)))  # two answers: (0, 1) and (1, 2)
@example(case=((1, 1), (1,)))
@example(case=((), (1,)))  # a scalar flattens to shape (1,)
def valid_pair(sub, case):
    shape, target = case
    expect_valid_pair(sub, shape, target)


@check("flatten_dims works when target == shape (start_dim == end_dim)",
       shape=st.lists(sizes, min_size=1, max_size=5).map(tuple))
@example(shape=(3, 4, 5))
@example(shape=(5,))
@example(shape=(2, 1))
def target_is_shape(sub, shape):
    expect_valid_pair(sub, shape, shape)


@check("flatten_dims raises ValueError when no pair gives target", case=impossible_cases())
@example(case=((2, 3, 4), (8, 3)))  # 2 and 4 are not neighbours
@example(case=((2, 3, 4), (6, 5)))  # 24 elements cannot become 30
@example(case=((2, 3), (2, 3, 1)))  # flatten never adds a dim
@example(case=((6,), (2, 3)))  # flatten never splits a dim
@example(case=((), ()))
def impossible_target(sub, case):
    shape, target = case
    outcome = sub.outcome("flatten_dims", shape, target)
    if isinstance(outcome, tuple):
        fail(f"no (start_dim, end_dim) turns {shape} into {target}: flatten only merges one "
             "run of neighbouring dims into their product, so flatten_dims should raise "
             f"ValueError, but it returned {outcome[0]!r}",
             expected="raises ValueError", got=outcome[0])
    expect(outcome.is_a("ValueError"),
           f"no pair turns {shape} into {target}, so flatten_dims should raise ValueError, "
           f"but it raised {outcome.type}: {outcome.message}",
           expected="raises ValueError", got=outcome.type)


features_shapes = st.lists(st.integers(1, 6), min_size=2, max_size=5, unique=True).map(tuple)
seeds = st.integers(0, 2**31 - 1)


def make_x(shape, seed):
    return torch.randn(shape, generator=torch.Generator().manual_seed(seed))


def expect_flattened(got, x):
    want = x.flatten(1)
    if isinstance(got, torch.Tensor) and tuple(got.shape) == (x.numel(),) and x.dim() > 1:
        fail(f"the batch dim was flattened too: shape {list(got.shape)}, expected "
             f"{list(want.shape)}; keep dim 0 (start_dim=1)", expected=want, got=got)
    expect_equal(got, want, "the result of flatten_features")


@check("flatten_features keeps dim 0 and flattens the rest, like nn.Flatten()",
       shape=features_shapes, seed=seeds)
@example(shape=(4, 5), seed=0)
@example(shape=(2, 3, 4, 5), seed=1)
@example(shape=(1, 3, 2), seed=2)
def flattens_features(sub, shape, seed):
    x = make_x(shape, seed)
    expect_flattened(sub.call("flatten_features", x), x)


CHANNELS_LAST = "x.contiguous(memory_format=torch.channels_last)"


def permute_text(ndim):
    return f"x.permute{tuple(reversed(range(ndim)))}"


@st.composite
def non_contiguous_cases(draw):
    shape = tuple(draw(st.lists(st.integers(2, 6), min_size=2, max_size=5, unique=True)))
    ways = ["x.transpose(-2, -1)", permute_text(len(shape))]
    if shape[-1] >= 3:
        ways.append("x[..., ::2]")
    if len(shape) == 4:
        ways.append(CHANNELS_LAST)
    return shape, draw(st.sampled_from(ways))


def made_in_probe(x, how):
    """What the probe hands to flatten_features (the values; the layout is the probe's)."""
    if how == "x.transpose(-2, -1)":
        return x.transpose(-2, -1)
    if how == "x[..., ::2]":
        return x[..., ::2]
    if how.startswith("x.permute"):
        return x.permute(*reversed(range(x.dim())))
    return x


@check("flatten_features works on non-contiguous inputs (transposed, sliced, channels_last)",
       case=non_contiguous_cases(), seed=seeds)
@example(case=((2, 3, 4), "x.transpose(-2, -1)"), seed=3)
@example(case=((2, 3, 5), "x[..., ::2]"), seed=4)
@example(case=((2, 3, 4, 5), CHANNELS_LAST), seed=5)
def non_contiguous(sub, case, seed):
    shape, how = case
    x = make_x(shape, seed)
    seen = sub.probe("non_contiguous_input", x, how)
    expect_flattened(seen["result"], made_in_probe(x, how))


@check("flatten_features works on an empty batch (N = 0)",
       shape=st.lists(st.integers(1, 6), min_size=1, max_size=4, unique=True).map(tuple))
@example(shape=(3, 4))
@example(shape=(5,))
def empty_batch(sub, shape):
    x = torch.empty((0, *shape))
    expect_flattened(sub.call("flatten_features", x), x)
