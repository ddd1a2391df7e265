"""Checks for exercise 19: masked max.

Every case is built here from a drawn shape, dim, sign, mask density and seed. The values of x
are all different (a random permutation of evenly spaced numbers), so the max of every slice
is unique and the expected index never depends on how torch.max breaks ties. Rows that are all
negative catch masked positions filled with 0; most checks make sure every slice has a True
position, and the empty-slice check forces some slices to be all False. The sizes of the dims
are drawn distinct, so a reduction along the wrong dim cannot pass by luck.
"""

import math

import torch
from hypothesis import example
from hypothesis import strategies as st

from grader.judge import CheckFailed, SubmissionBroken, check, expect, expect_close, fail

from . import reference

NEG_INF = float("-inf")
seeds = st.integers(0, 2**31 - 1)
dtypes = st.sampled_from([torch.float32, torch.float64])
signs = st.sampled_from(["negative", "mixed", "positive"])
densities = st.sampled_from([0.3, 0.5, 0.8])


@st.composite
def shape_and_dim(draw, negative=False):
    ndim = draw(st.integers(1, 4))
    shape = tuple(draw(st.lists(st.integers(1, 5), min_size=ndim, max_size=ndim, unique=True)))
    dim = draw(st.integers(-ndim, -1) if negative else st.integers(0, ndim - 1))
    return shape, dim


def make_case(shape, dim, sign, p, seed, dtype=torch.float32, empty=False):
    """x with distinct values of the given sign, and a bool mask of density about p.

    empty=False: every slice along dim has at least one True position.
    empty=True: some slices (at least one) are all False.
    """
    g = torch.Generator().manual_seed(seed)
    n = math.prod(shape)
    step = float(torch.rand((), generator=g)) * 1.5 + 0.25
    frac = float(torch.rand((), generator=g)) * 0.8 + 0.1
    values = (torch.randperm(n, generator=g).double() + frac) * step
    if sign == "negative":
        values = -values
    elif sign == "mixed":
        values = values - n * step / 2
    x = values.reshape(shape).to(dtype)
    d = dim % len(shape)
    reduced = shape[:d] + shape[d + 1:]
    pick = torch.randint(0, shape[d], reduced, generator=g).unsqueeze(d)
    one_per_slice = torch.zeros(shape, dtype=torch.bool).scatter_(d, pick, True)
    mask = (torch.rand(shape, generator=g) < p) | one_per_slice
    if empty:
        kill = torch.rand(reduced, generator=g) < 0.4
        kill.view(-1)[0] = True
        mask &= ~kill.unsqueeze(d)
    return x, mask


def run(sub, x, mask, dim, hint=None):
    """What the learner's masked_max returned, unpacked in the worker (see probes.py)."""
    try:
        return sub.probe("call_masked_max", x, mask, dim, shown_as="masked_max")
    except SubmissionBroken:
        raise
    except CheckFailed as failed:
        if hint is None:
            raise
        fail(f"{failed.message}\n{hint}", got=failed.got)


def unpack(seen, x, dim):
    """(values, indices), after checking they look like what torch.max(x, dim) returns."""
    want_shape = list(x.shape[:dim % x.dim()] + x.shape[dim % x.dim() + 1:])
    keep_shape = list(x.shape)
    keep_shape[dim] = 1
    if not seen["pair"]:
        fail("masked_max should return a pair (values, indices), like torch.max(x, dim)",
             expected="(values, indices)", got=seen["result"])
    values, indices = seen["values"], seen["indices"]
    for item, what in ((values, "values"), (indices, "indices")):
        if not isinstance(item, torch.Tensor):
            fail(f"the {what} (item {0 if what == 'values' else 1} of the pair) should be a "
                 "tensor", expected="a tensor", got=item)
        shape = list(item.shape)
        if shape == keep_shape and shape != want_shape:
            fail(f"the {what} have shape {shape}: the reduced dim {dim} is kept with size 1, as "
                 f"keepdim=True does; torch.max(x, dim) drops it, so expect shape {want_shape}",
                 expected=f"shape {want_shape}", got=item)
        expect(shape == want_shape,
               f"the {what} should have the shape of x without dim {dim}, {want_shape}, but "
               f"have shape {shape}", expected=f"shape {want_shape}", got=item)
    expect(values.dtype == x.dtype,
           f"the values should keep x's dtype {x.dtype}, but are {values.dtype}",
           expected=f"dtype {x.dtype}", got=values)
    if indices.dtype != torch.int64:
        extra = ""
        if indices.is_floating_point():
            extra = ("; a float dtype sneaks in when a -1 tensor made from the values, e.g. "
                     "torch.full_like(values, -1), is mixed into the indices. Fill with -1 on "
                     "the indices themselves: indices.masked_fill(empty, -1)")
        fail(f"the indices should be int64 (torch.long) like torch.max's, but are "
             f"{indices.dtype}{extra}", expected="dtype torch.int64", got=indices)
    return values, indices


def equal(a, b):
    return a.shape == b.shape and bool(torch.equal(a.double(), b.double()))


def check_values(values, x, mask, dim, expected):
    """The values of the slices that have a True position, with a diagnosis when wrong."""
    want = expected[0]
    kept = mask.any(dim=dim)
    got = values[kept]
    if equal(got, want[kept]):
        return
    zero_filled = torch.where(mask, x, torch.zeros_like(x)).max(dim=dim).values
    if equal(got, zero_filled[kept]) and (x < 0).any():
        fail("the masked positions were filled with 0, so a slice whose True values are all "
             "negative gets max 0, a value that is not even in x. Fill them with -inf, which "
             "never wins a max: x.masked_fill(~mask, float('-inf'))", expected=want, got=values)
    if equal(got, x.masked_fill(mask, NEG_INF).max(dim=dim).values[kept]):
        fail("this is the max over the False positions: masked_fill(m, v) writes v where m is "
             "True, so to hide the False positions fill where ~mask is True",
             expected=want, got=values)
    if equal(got, x.max(dim=dim).values[kept]):
        fail("this is the max over every position: the mask was not used",
             expected=want, got=values)
    expect_close(values, want, "the values", rtol=0, atol=0)


def check_indices(indices, x, mask, dim, expected):
    """The indices of the slices that have a True position, with a diagnosis when wrong."""
    want = expected[1]
    kept = mask.any(dim=dim)
    got = indices[kept]
    if equal(got, want[kept]):
        return
    position = want.clamp(min=0).unsqueeze(dim)
    rank = (mask.long().cumsum(dim) - 1).gather(dim, position).squeeze(dim)
    if equal(got, rank[kept]):
        fail("these indices count only the True entries (the index in x[mask] or in the "
             "list of kept values); torch.max's indices are positions along dim in x "
             "itself, counting the False positions too", expected=want, got=indices)
    if equal(got, x.argmax(dim=dim)[kept]):
        fail("these are the positions of the max over every position: the mask was not used",
             expected=want, got=indices)
    expect_close(indices, want, "the indices", rtol=0, atol=0)


def check_empty(values, indices, x, mask, dim, expected):
    """The slices whose mask is all False: value -inf and index -1."""
    want_values, want_indices = expected
    empty = ~mask.any(dim=dim)
    got_v, got_i = values[empty], indices[empty]
    if not bool((got_v == NEG_INF).all()):
        bad = got_v[got_v != NEG_INF][0].item()
        if bad == torch.finfo(x.dtype).min:
            why = ("the smallest finite float (torch.finfo(dtype).min), not -inf; fill the "
                   "masked positions with float('-inf') so an empty slice's max is -inf")
        elif bad == 0:
            why = "0: the masked positions were filled with 0 instead of -inf"
        elif math.isnan(bad):
            why = "nan; the max of nothing is defined here as -inf"
        else:
            why = f"{bad:.6g}, but it should be -inf"
        fail(f"a slice along dim {dim} whose mask is all False got the value {why}",
             expected=want_values, got=values)
    if not bool((got_i == -1).all()):
        bad = int(got_i[got_i != -1][0])
        if bad == 0:
            why = ("index 0: torch.max over a slice that is all -inf returns index 0. Find "
                   "the empty slices with ~mask.any(dim) and set their index to -1")
        else:
            why = f"index {bad}, but it should be -1"
        fail(f"a slice along dim {dim} whose mask is all False got {why}",
             expected=want_indices, got=indices)


def check_all(values, indices, x, mask, dim):
    expected = reference.masked_max(x, mask, dim)
    check_values(values, x, mask, dim, expected)
    check_indices(indices, x, mask, dim, expected)
    check_empty(values, indices, x, mask, dim, expected)


@check("returns (values, indices) like torch.max(x, dim): values in x's dtype, int64 indices, "
       "the reduced dim dropped", sd=shape_and_dim(), sign=signs, p=densities, dtype=dtypes,
       empty=st.booleans(), seed=seeds)
@example(sd=((3, 4), 1), sign="mixed", p=0.5, dtype=torch.float64, empty=True, seed=1)
@example(sd=((5,), 0), sign="positive", p=0.5, dtype=torch.float32, empty=False, seed=2)
@example(sd=((2, 4, 3), 0), sign="negative", p=0.8, dtype=torch.float32, empty=False, seed=3)
def returns_pair(sub, sd, sign, p, dtype, empty, seed):
    shape, dim = sd
    x, mask = make_case(shape, dim, sign, p, seed, dtype, empty)
    unpack(run(sub, x, mask, dim), x, dim)


@check("the values are the max of x over the True positions, also when every value is "
       "negative", sd=shape_and_dim(), sign=signs, p=densities, dtype=dtypes, seed=seeds)
@example(sd=((4, 5), 1), sign="negative", p=0.5, dtype=torch.float32, seed=1)
@example(sd=((3, 2, 4), 0), sign="negative", p=0.3, dtype=torch.float64, seed=2)
@example(sd=((5,), 0), sign="mixed", p=0.5, dtype=torch.float32, seed=3)
def max_values(sub, sd, sign, p, dtype, seed):
    shape, dim = sd
    x, mask = make_case(shape, dim, sign, p, seed, dtype)
    values, _ = unpack(run(sub, x, mask, dim), x, dim)
    check_values(values, x, mask, dim, reference.masked_max(x, mask, dim))


@check("the indices are positions along dim in x itself (not among the True entries only)",
       sd=shape_and_dim(), sign=signs, p=densities, dtype=dtypes, seed=seeds)
@example(sd=((4, 5), 1), sign="mixed", p=0.5, dtype=torch.float32, seed=1)
@example(sd=((5, 3, 2), 0), sign="positive", p=0.3, dtype=torch.float32, seed=2)
@example(sd=((5,), 0), sign="negative", p=0.5, dtype=torch.float64, seed=3)
def max_indices(sub, sd, sign, p, dtype, seed):
    shape, dim = sd
    x, mask = make_case(shape, dim, sign, p, seed, dtype)
    _, indices = unpack(run(sub, x, mask, dim), x, dim)
    check_indices(indices, x, mask, dim, reference.masked_max(x, mask, dim))


@check("a slice with no True position gives value -inf and index -1",
       sd=shape_and_dim(), sign=signs, p=densities, dtype=dtypes, seed=seeds)
@example(sd=((3, 4), 1), sign="positive", p=0.5, dtype=torch.float32, seed=1)
@example(sd=((4, 2, 3), 0), sign="negative", p=0.8, dtype=torch.float64, seed=2)
@example(sd=((5,), 0), sign="mixed", p=0.8, dtype=torch.float32, seed=3)
def empty_slices(sub, sd, sign, p, dtype, seed):
    shape, dim = sd
    x, mask = make_case(shape, dim, sign, p, seed, dtype, empty=True)
    values, indices = unpack(run(sub, x, mask, dim), x, dim)
    expected = reference.masked_max(x, mask, dim)
    check_empty(values, indices, x, mask, dim, expected)
    check_values(values, x, mask, dim, expected)
    check_indices(indices, x, mask, dim, expected)


@check("works with a negative dim (-1 is the last dim)", sd=shape_and_dim(negative=True),
       sign=signs, p=densities, empty=st.booleans(), seed=seeds)
@example(sd=((3, 4, 2), -1), sign="mixed", p=0.5, empty=True, seed=1)
@example(sd=((2, 5, 3), -2), sign="negative", p=0.5, empty=False, seed=2)
@example(sd=((4, 3), -2), sign="positive", p=0.5, empty=True, seed=3)
def negative_dim(sub, sd, sign, p, empty, seed):
    shape, dim = sd
    x, mask = make_case(shape, dim, sign, p, seed, empty=empty)
    hint = (f"dim={dim} counts from the end: it is dim {dim % x.dim()} of this {x.dim()}-D x. "
            "Pass it straight to torch functions, which accept negative dims, or turn it "
            "into a non-negative one first with dim % x.dim()")
    values, indices = unpack(run(sub, x, mask, dim, hint), x, dim)
    check_all(values, indices, x, mask, dim)


@check("leaves x and mask unchanged", sd=shape_and_dim(), sign=signs, p=densities,
       empty=st.booleans(), seed=seeds)
@example(sd=((3, 4), 1), sign="mixed", p=0.5, empty=True, seed=1)
def inputs_unchanged(sub, sd, sign, p, empty, seed):
    shape, dim = sd
    x, mask = make_case(shape, dim, sign, p, seed, empty=empty)
    seen = run(sub, x, mask, dim)
    expect(seen["x_unchanged"],
           "masked_max changed the x it was given (in-place ops such as x[~mask] = ... or "
           "masked_fill_ write into the caller's tensor); use out-of-place masked_fill or "
           "torch.where", expected=x, got=seen.get("x_after"))
    expect(seen["mask_unchanged"], "masked_max changed the mask it was given",
           expected=mask, got=seen.get("mask_after"))
