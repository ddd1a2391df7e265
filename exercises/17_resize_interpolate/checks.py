"""Checks for exercise 17: resize with F.interpolate.

Inputs are built here from drawn shapes and a drawn seed. N, C and the input's spatial sizes
are drawn distinct, and the target sizes distinct from each other, so resizing the wrong dims
cannot pass by luck; targets fall on both sides of the input sizes (up- and down-scaling). The
expected tensors come from F.interpolate itself. The results of the usual slips (align_corners
=True, 'nearest-exact', 'area', 'bicubic', antialias, size turned into a scale_factor) are
computed too, so a failure can name the mistake.
"""

import math

import torch
import torch.nn.functional as F
from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect, expect_close, fail

from . import reference

RTOL = 1e-5
ATOL = 1e-6
SMOOTH = {3: "linear", 4: "bilinear", 5: "trilinear"}
LAYOUT = {3: "[N, C, L]", 4: "[N, C, H, W]", 5: "[N, C, D, H, W]"}

# (input size, target size) pairs where floor(in * (out / in)) != out in floating point: a size
# turned into a scale_factor comes back one short there, e.g. 11 -> 15 gives 14.
ODD_PAIRS = [(i, o) for i in range(1, 41) for o in range(1, 41) if math.floor(i * (o / i)) != o]

seeds = st.integers(0, 2**31 - 1)
dtypes = st.sampled_from([torch.float32, torch.float64])
calls = st.sampled_from(["default", "keyword", "positional"])


@st.composite
def shapes(draw):
    """(shape of x, size): N, C and the spatial sizes all different, the targets different."""
    ndim = draw(st.sampled_from([3, 4, 5]))
    dims = draw(st.lists(st.integers(1, 6), min_size=ndim, max_size=ndim, unique=True))
    size = draw(st.lists(st.integers(1, 9), min_size=ndim - 2, max_size=ndim - 2, unique=True))
    return tuple(dims), tuple(size)


@st.composite
def odd_shapes(draw):
    """Like shapes(), with one spatial dim often taken from ODD_PAIRS."""
    ndim = draw(st.sampled_from([3, 4, 5]))
    n, c = draw(st.lists(st.integers(1, 3), min_size=2, max_size=2, unique=True))
    spatial = [draw(st.integers(1, 5)) for _ in range(ndim - 2)]
    size = [draw(st.integers(1, 7)) for _ in range(ndim - 2)]
    which = draw(st.integers(0, ndim - 3))
    pair = draw(st.one_of(st.sampled_from(ODD_PAIRS),
                          st.tuples(st.integers(1, 12), st.integers(1, 12))))
    spatial[which], size[which] = pair
    return (n, c, *spatial), tuple(size)


def make_input(shape, seed, dtype=torch.float32):
    g = torch.Generator().manual_seed(seed)
    return torch.randn(shape, generator=g, dtype=torch.float64).to(dtype)


def close(a, b):
    return (isinstance(a, torch.Tensor) and a.shape == b.shape
            and bool(torch.allclose(a.double(), b.double(), rtol=RTOL, atol=ATOL)))


def explain_raise(outcome):
    text = f"resize raised {outcome.type}: {outcome.message}"
    message = outcome.message
    if "align_corners option can only be set" in message:
        text += ("\nalign_corners belongs to the interpolating modes only (linear, bilinear, "
                 "bicubic, trilinear); with mode='nearest' leave it out entirely: even "
                 "align_corners=False raises")
    elif "mode needs" in message:
        text += ("\neach interpolating mode fits one number of dims: [N, C, L] -> 'linear', "
                 "[N, C, H, W] -> 'bilinear', [N, C, D, H, W] -> 'trilinear'; pick the mode "
                 "from x.dim()")
    elif "same number of spatial dimensions" in message:
        text += ("\n`size` lists only the spatial sizes (the dims after N and C), and "
                 "F.interpolate never resizes N or C: pass size=size, not the full shape")
    if outcome.traceback:
        text += "\n" + outcome.traceback
    fail(text, got=f"{outcome.type}: {outcome.message}")


def call_resize(sub, x, size, smooth, how="keyword"):
    """The learner's result, which must be a tensor; a raise fails with an explanation."""
    if how == "default":
        args, kwargs = (), {}
    elif how == "positional":
        args, kwargs = (smooth,), {}
    else:
        args, kwargs = (), {"smooth": smooth}
    outcome = sub.outcome("resize", x, size, *args, **kwargs)
    if not isinstance(outcome, tuple):
        explain_raise(outcome)
    got = outcome[0]
    if not isinstance(got, torch.Tensor):
        fail("resize should return the resized tensor", expected="a tensor", got=got)
    return got


def check_shape(got, x, size):
    n, c = x.shape[:2]
    want = (n, c, *size)
    shape = tuple(got.shape)
    if shape == want:
        return
    if len(shape) != x.dim() or shape[:2] != (n, c):
        fail(f"the result has shape {list(shape)}, but N = {n} and C = {c} must stay as they "
             f"are: x is {LAYOUT[x.dim()]} and F.interpolate resizes only the dims after the "
             "first two, so give it x as it is (no permute, movedim or unsqueeze) and a size "
             "with only the spatial sizes", expected=f"shape {list(want)}", got=got)
    odd = tuple(math.floor(i * (o / i)) for i, o in zip(x.shape[2:], size, strict=True))
    if shape[2:] == odd:
        fail(f"the spatial dims are {list(shape[2:])}, not size = {list(size)}: that is what "
             "scale_factor = size / input size gives, because floor(in * (out / in)) can fall "
             "one short in floating point. Pass size=size and F.interpolate hits it exactly",
             expected=f"shape {list(want)}", got=got)
    fail(f"the spatial dims should be exactly size = {list(size)}, but they are "
         f"{list(shape[2:])}; pass size=size to F.interpolate (not scale_factor), in the "
         "order given", expected=f"shape {list(want)}", got=got)


def check_dtype(got, x):
    expect(got.dtype == x.dtype,
           f"the result should keep x's dtype {x.dtype}, but it is {got.dtype}; F.interpolate "
           "keeps the dtype of a float input, so no conversion is needed",
           expected=f"dtype {x.dtype}", got=got)


def slips(x, size, smooth):
    """(result, explanation) for the mistakes learners make; compared only when wrong."""
    mode = SMOOTH[x.dim()]
    found = []
    if smooth:
        found.append((F.interpolate(x, size=size, mode=mode, align_corners=True),
                      f"this is mode='{mode}' with align_corners=True; the task asks for "
                      "align_corners=False, which lines up the outer edges of the corner "
                      "pixels (pixels as squares), not their centres"))
        found.append((F.interpolate(x, size=size, mode="nearest"),
                      f"this is mode='nearest', the blocky resize; smooth=True should "
                      f"interpolate: mode='{mode}' for a {x.dim()}-D input"))
        found.append((F.interpolate(x, size=size, mode="nearest-exact"),
                      f"this is mode='nearest-exact'; smooth=True should interpolate: "
                      f"mode='{mode}' for a {x.dim()}-D input"))
        found.append((F.interpolate(x, size=size, mode="area"),
                      f"this is mode='area' (average pooling); smooth=True asks for "
                      f"mode='{mode}' whether the input grows or shrinks"))
        if x.dim() == 4:
            found.append((F.interpolate(x, size=size, mode="bicubic", align_corners=False),
                          "this is mode='bicubic'; smooth=True asks for mode='bilinear' on a "
                          "4-D input"))
            found.append((F.interpolate(x, size=size, mode=mode, align_corners=False,
                                        antialias=True),
                          "this is bilinear with antialias=True; leave antialias at its "
                          "default (False)"))
    else:
        found.append((F.interpolate(x, size=size, mode=mode, align_corners=False),
                      f"this is the smooth resize (mode='{mode}'); smooth=False asks for "
                      "mode='nearest'"))
        found.append((F.interpolate(x, size=size, mode="nearest-exact"),
                      "this is mode='nearest-exact'; the task asks for mode='nearest' (the "
                      "default of F.interpolate): the two pick source pixels differently"))
        found.append((F.interpolate(x, size=size, mode="area"),
                      "this is mode='area' (average pooling); smooth=False asks for "
                      "mode='nearest'"))
    return found


def check_values(got, x, size, smooth):
    want = reference.resize(x, size, smooth=smooth)
    check_shape(got, x, size)
    check_dtype(got, x)
    if close(got, want):
        return
    for result, why in slips(x, size, smooth):
        if close(got, result) and not close(result, want):
            fail(why, expected=want, got=got)
    expect_close(got, want, "the resized tensor", rtol=RTOL, atol=ATOL)


@check("smooth=True resizes with mode linear / bilinear / trilinear to match the dims, "
       "align_corners=False", case=shapes(), dtype=dtypes, how=calls, seed=seeds)
@example(case=((2, 3, 5), (8,)), dtype=torch.float32, how="default", seed=1)
@example(case=((3, 2, 4, 6), (7, 3)), dtype=torch.float32, how="keyword", seed=2)
@example(case=((2, 1, 3, 4, 5), (5, 2, 7)), dtype=torch.float32, how="positional", seed=3)
@example(case=((1, 3, 6, 5), (4, 2)), dtype=torch.float32, how="keyword", seed=4)
@example(case=((4, 2, 3), (5,)), dtype=torch.float64, how="keyword", seed=5)
def smooth_modes(sub, case, dtype, how, seed):
    shape, size = case
    x = make_input(shape, seed, dtype)
    got = call_resize(sub, x, size, True, how)
    check_values(got, x, size, True)


@check("smooth=False resizes with mode='nearest' (and no align_corners)",
       case=shapes(), dtype=dtypes, how=st.sampled_from(["keyword", "positional"]),
       seed=seeds)
@example(case=((2, 3, 3, 5), (2, 8)), dtype=torch.float32, how="keyword", seed=1)
@example(case=((3, 1, 6), (4,)), dtype=torch.float32, how="positional", seed=2)
@example(case=((1, 2, 3, 5, 4), (2, 6, 3)), dtype=torch.float64, how="keyword", seed=3)
def nearest_mode(sub, case, dtype, how, seed):
    shape, size = case
    x = make_input(shape, seed, dtype)
    got = call_resize(sub, x, size, False, how)
    check_values(got, x, size, False)


@check("keeps N and C: the result has shape [N, C, *size]", case=shapes(),
       smooth=st.booleans(), seed=seeds)
@example(case=((2, 3, 4, 5), (6, 1)), smooth=True, seed=1)
@example(case=((3, 2, 5), (4,)), smooth=False, seed=2)
@example(case=((1, 2, 3, 4, 5), (6, 2, 3)), smooth=True, seed=3)
def keeps_batch_and_channels(sub, case, smooth, seed):
    shape, size = case
    x = make_input(shape, seed)
    got = call_resize(sub, x, size, smooth)
    check_shape(got, x, size)


@check("makes the spatial dims exactly `size`, even when size / input size is not a round "
       "number", case=odd_shapes(), smooth=st.booleans(), seed=seeds)
@example(case=((2, 1, 11), (15,)), smooth=True, seed=1)
@example(case=((1, 2, 23, 3), (13, 5)), smooth=False, seed=2)
@example(case=((2, 3, 2, 13, 1), (3, 30, 2)), smooth=True, seed=3)
def exact_size(sub, case, smooth, seed):
    shape, size = case
    x = make_input(shape, seed)
    got = call_resize(sub, x, size, smooth)
    check_shape(got, x, size)


def expect_value_error(sub, x, size, smooth, why):
    outcome = sub.outcome("resize", x, size, smooth=smooth)
    if isinstance(outcome, tuple):
        fail(f"resize should raise ValueError here: {why}", expected="raises ValueError",
             got=outcome[0])
    if not outcome.is_a("ValueError"):
        text = (f"resize should raise ValueError here ({why}), but it raised {outcome.type}: "
                f"{outcome.message}; check it yourself before calling F.interpolate, which "
                "raises its own, different errors")
        if outcome.traceback:
            text += "\n" + outcome.traceback
        fail(text, expected="raises ValueError", got=f"{outcome.type}: {outcome.message}")


@check("raises ValueError unless x has 3, 4 or 5 dims", ndim=st.sampled_from([1, 2, 6, 7]),
       data=st.data(), smooth=st.booleans(), seed=seeds)
@example(ndim=2, data=None, smooth=True, seed=1)
@example(ndim=2, data=None, smooth=False, seed=2)
@example(ndim=6, data=None, smooth=True, seed=3)
@example(ndim=6, data=None, smooth=False, seed=4)
def rejects_bad_dims(sub, ndim, data, smooth, seed):
    if data is None:
        shape = tuple(range(2, ndim + 2))[:ndim]
        size = tuple(range(3, ndim + 1))
    else:
        shape = tuple(data.draw(st.lists(st.integers(1, 3), min_size=ndim, max_size=ndim),
                                label="shape"))
        size = tuple(data.draw(st.lists(st.integers(1, 4), min_size=max(ndim - 2, 0),
                                        max_size=max(ndim - 2, 0)), label="size"))
    x = make_input(shape, seed)
    expect_value_error(sub, x, size, smooth,
                       f"x has {ndim} dims, but resize handles only [N, C, L], [N, C, H, W] "
                       "and [N, C, D, H, W]")


@check("raises ValueError when len(size) does not match the spatial dims of x",
       case=shapes(), data=st.data(), smooth=st.booleans(), seed=seeds)
@example(case=((2, 3, 4, 5), (6,)), data=None, smooth=True, seed=1)
@example(case=((2, 3, 4, 5), (6,)), data=None, smooth=False, seed=2)
@example(case=((3, 2, 5), (4, 6)), data=None, smooth=True, seed=3)
@example(case=((1, 2, 3, 4, 5), (6,)), data=None, smooth=False, seed=4)
@example(case=((2, 1, 4, 3), ()), data=None, smooth=True, seed=5)
def rejects_bad_size(sub, case, data, smooth, seed):
    shape, size = case
    k = len(shape) - 2
    if data is not None:
        length = data.draw(st.integers(0, 4).filter(lambda n: n != k), label="len(size)")
        size = tuple(data.draw(st.lists(st.integers(1, 6), min_size=length, max_size=length),
                               label="size"))
    x = make_input(shape, seed)
    expect_value_error(sub, x, size, smooth,
                       f"x {LAYOUT[x.dim()]} has {k} spatial dim{'s' if k > 1 else ''}, so "
                       f"size needs {k} entr{'ies' if k > 1 else 'y'}, not {len(size)}")
