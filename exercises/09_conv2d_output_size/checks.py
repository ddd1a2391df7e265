"""Checks for exercise 09: the output size of nn.Conv2d, judged against a real nn.Conv2d.

The expected size is never computed from a formula here: the supervisor builds
nn.Conv2d(1, 1, kernel_size, stride, padding, dilation) and runs it on torch.empty(1, 1, h, w)
(a RuntimeError means the input is too small). The formulas below only name the mistake when a
result is wrong.
"""

import math

import torch
from hypothesis import assume, example
from hypothesis import strategies as st
from torch import nn

from grader.judge import check, expect, fail

NAMES = ("kernel_size", "stride", "padding", "dilation")
DEFAULTS = {"stride": 1, "padding": 0, "dilation": 1}
RANGES = {"kernel_size": (1, 7), "stride": (1, 4), "padding": (0, 3), "dilation": (1, 3)}
MAX_SIZE = 40


def conv_output(h, w, args):
    """(H_out, W_out) of a real nn.Conv2d, or None when it refuses the input."""
    conv = nn.Conv2d(1, 1, bias=False, **args)
    try:
        with torch.no_grad():
            out = conv(torch.empty(1, 1, h, w))
    except RuntimeError:
        return None
    return tuple(out.shape[-2:])


def pair(value):
    return (value, value) if isinstance(value, int) else tuple(value)


def ints(name):
    lo, hi = RANGES[name]
    return st.integers(lo, hi)


def int_or_pair(name):
    return st.one_of(ints(name), st.tuples(ints(name), ints(name)))


int_args = st.fixed_dictionaries({name: ints(name) for name in NAMES})
styles = st.sampled_from(["positional", "keywords", "short"])
hw = st.lists(st.integers(1, MAX_SIZE), min_size=2, max_size=2, unique=True)


@st.composite
def pair_args(draw):
    args = draw(st.fixed_dictionaries({name: int_or_pair(name) for name in NAMES}))
    # at least one argument is a pair whose two values differ
    name = draw(st.sampled_from(NAMES))
    lo, hi = RANGES[name]
    first = draw(st.integers(lo, hi))
    second = draw(st.integers(lo, hi).filter(lambda v: v != first))
    args[name] = (first, second)
    return args


def call(sub, h, w, args, style):
    """Call conv2d_output_size positionally, by keyword, or leaving defaults out."""
    if style == "positional":
        return sub.outcome("conv2d_output_size", h, w, *(args[n] for n in NAMES))
    if style == "keywords":
        return sub.outcome("conv2d_output_size", h, w, **args)
    kwargs = {n: v for n, v in args.items() if n != "kernel_size" and v != DEFAULTS[n]}
    return sub.outcome("conv2d_output_size", h, w, args["kernel_size"], **kwargs)


def formula(h, w, args, *, divide=None, pad_sides=2, use_dilation=True, first_only=False,
            index=(0, 1)):
    """The output size as a (possibly mistaken) formula: used only to name a mistake."""
    divide = divide or (lambda a, b: a // b)
    k, s, p, d = (pair(args[n]) for n in NAMES)
    out = []
    for i, size in zip(index, (h, w), strict=True):
        if first_only:
            i = 0
        dil = d[i] if use_dilation else 1
        out.append(divide(size + pad_sides * p[i] - dil * (k[i] - 1) - 1, s[i]) + 1)
    return tuple(out)


ROUNDED = ("the division by stride seems rounded up or to the nearest int; nn.Conv2d rounds it "
           "down (floor, //): a last step that does not fit whole gives no output")
RULE = ("each dim is floor((size + 2*padding - dilation*(kernel_size - 1) - 1) / stride) + 1, "
        "with the height values of any pair used for h and the width values for w")


def mistake(got, want, h, w, args):
    """A sentence naming the likely mistake behind a wrong size, or the rule."""
    def half_up(a, b):
        return math.floor(a / b + 0.5)

    guesses = [
        (formula(h, w, args, use_dilation=False),
         "dilation seems ignored: a dilated kernel reaches dilation*(kernel_size - 1) + 1 "
         "pixels, not kernel_size"),
        (formula(h, w, args, divide=lambda a, b: math.ceil(a / b)), ROUNDED),
        (formula(h, w, args, divide=lambda a, b: round(a / b)), ROUNDED),
        (formula(h, w, args, divide=half_up), ROUNDED),
        (formula(h, w, args, pad_sides=1),
         "padding is added on both sides of the input: 2*padding, not padding"),
        (formula(h, w, args, first_only=True),
         "the first value of a pair seems used for both dims: (kH, kW) means kH for the height "
         "and kW for the width"),
        (formula(h, w, args, index=(1, 0)),
         "the height and width values of the pairs seem swapped: the first value of a pair is "
         "for h, the second for w"),
    ]
    if want[0] != want[1]:
        guesses.insert(0, ((want[1], want[0]), "it looks like (W_out, H_out): return the height "
                           "first, (H_out, W_out)"))
    for guess, sentence in guesses:
        if guess == tuple(got) and guess != want:
            return sentence
    return RULE


def shown(h, w, args):
    text = ", ".join(f"{n}={args[n]!r}" for n in NAMES)
    return f"nn.Conv2d(..., {text}) on an input of height {h} and width {w}"


def expect_size(sub, h, w, args, style):
    want = conv_output(h, w, args)
    assume(want is not None)
    outcome = call(sub, h, w, args, style)
    if not isinstance(outcome, tuple):
        if outcome.is_a("ValueError"):
            fail(f"conv2d_output_size raised ValueError, but {shown(h, w, args)} works and "
                 f"gives {want}: an input fits when size + 2*padding >= "
                 "dilation*(kernel_size - 1) + 1 (padding counts, and a kernel may be larger "
                 "than the unpadded input)", expected=want, got=f"ValueError: {outcome.message}")
        fail(f"conv2d_output_size raised {outcome.type}: {outcome.message}"
             + (f"\n{outcome.traceback}" if outcome.traceback else ""),
             expected=want, got=outcome.type)
    got = outcome[0]
    expect_pair_of_ints(got)
    expect(tuple(got) == want,
           f"{shown(h, w, args)} gives {want}, but conv2d_output_size returned {tuple(got)}: "
           f"{mistake(got, want, h, w, args)}", expected=want, got=got)


def expect_pair_of_ints(got):
    if not isinstance(got, tuple) or len(got) != 2:
        fail("conv2d_output_size should return a tuple of two ints, (H_out, W_out)",
             expected="(H_out, W_out)", got=got)
    for value in got:
        if type(value) is not int:
            kind = "tensor" if isinstance(value, torch.Tensor) else type(value).__name__
            fail(f"the sizes should be Python ints, but one is a {kind}; divide with // on "
                 "ints (or convert with int(...))", expected="two ints", got=got)


@check("returns a tuple of two ints (H_out, W_out)", hw=hw, args=int_args, style=styles)
@example(hw=[28, 32], args={"kernel_size": 3, "stride": 2, "padding": 1, "dilation": 1},
         style="keywords")
def returns_two_ints(sub, hw, args, style):
    h, w = hw
    assume(conv_output(h, w, args) is not None)
    outcome = call(sub, h, w, args, style)
    if not isinstance(outcome, tuple):
        fail(f"conv2d_output_size raised {outcome.type}: {outcome.message}",
             expected="(H_out, W_out)", got=outcome.type)
    expect_pair_of_ints(outcome[0])


def ex(h, w, k, s=1, p=0, d=1):
    return {"hw": [h, w], "args": {"kernel_size": k, "stride": s, "padding": p, "dilation": d}}


@check("matches nn.Conv2d for int kernel_size, stride, padding and dilation", hw=hw,
       args=int_args, style=styles)
@example(**ex(32, 28, 3, 1, 1), style="short")  # padding keeps the size
@example(**ex(32, 28, 3, 1, 0, 2), style="short")  # dilation 2: the kernel reaches 5 pixels
@example(**ex(7, 8, 2, 2), style="positional")  # (7 - 2) / 2 = 2.5: floor, not round or ceil
@example(**ex(11, 10, 3, 4), style="positional")  # (11 - 3) / 4 = 2: exact, then 7 / 4 = 1.75
@example(**ex(9, 15, 3, 1, 2), style="keywords")  # padding on both sides: +4
@example(**ex(20, 9, 5, 1, 0, 2), style="keywords")  # output exactly 1 in W (9 = 2*4 + 1)
@example(**ex(2, 6, 3, 1, 1), style="keywords")  # kernel larger than h, but padding makes it fit
def int_arguments(sub, hw, args, style):
    h, w = hw
    expect_size(sub, h, w, args, style)


@check("matches nn.Conv2d when arguments are (height, width) pairs", hw=hw, args=pair_args(),
       style=styles)
@example(hw=[20, 30], args={"kernel_size": (3, 5), "stride": 1, "padding": 0, "dilation": 1},
         style="keywords")
@example(hw=[20, 30], args={"kernel_size": 3, "stride": (1, 2), "padding": (0, 2),
                            "dilation": (2, 1)}, style="keywords")
@example(hw=[17, 17], args={"kernel_size": (1, 3), "stride": (2, 1), "padding": 0,
                            "dilation": 1}, style="positional")
def pair_arguments(sub, hw, args, style):
    h, w = hw
    expect_size(sub, h, w, args, style)


@st.composite
def too_small_cases(draw):
    args = draw(st.fixed_dictionaries({
        "kernel_size": st.one_of(st.integers(3, 7), st.tuples(st.integers(2, 7),
                                                               st.integers(2, 7))),
        "stride": int_or_pair("stride"),
        "padding": st.one_of(st.just(0), st.integers(0, 2),
                             st.tuples(st.integers(0, 1), st.integers(0, 1))),
        "dilation": int_or_pair("dilation"),
    }))
    k, p, d = pair(args["kernel_size"]), pair(args["padding"]), pair(args["dilation"])
    smallest = [d[i] * (k[i] - 1) + 1 - 2 * p[i] for i in (0, 1)]  # smallest input that fits
    fails = draw(st.sampled_from([(True, False), (False, True), (True, True)]))
    sizes = []
    for i in (0, 1):
        if fails[i]:
            assume(smallest[i] >= 2)
            sizes.append(draw(st.integers(1, smallest[i] - 1)))
        else:
            sizes.append(draw(st.integers(max(smallest[i], 1), MAX_SIZE)))
    return sizes, args


@check("raises ValueError where nn.Conv2d fails (an output size below 1)",
       case=too_small_cases(), style=styles)
@example(case=([2, 10], {"kernel_size": 3, "stride": 1, "padding": 0, "dilation": 1}),
         style="short")
@example(case=([10, 4], {"kernel_size": 3, "stride": 1, "padding": 0, "dilation": 2}),
         style="short")  # fits only when dilation is ignored
@example(case=([2, 9], {"kernel_size": 3, "stride": 2, "padding": 0, "dilation": 1}),
         style="keywords")  # (2 - 3) / 2 = -0.5: floor gives 0, ceil or int() would give 1
@example(case=([12, 3], {"kernel_size": (3, 5), "stride": 1, "padding": 0, "dilation": 1}),
         style="keywords")
def too_small(sub, case, style):
    (h, w), args = case
    if conv_output(h, w, args) is not None:
        raise AssertionError(f"bad case: nn.Conv2d accepts {h}x{w} with {args}")
    outcome = call(sub, h, w, args, style)
    if isinstance(outcome, tuple):
        fail(f"{shown(h, w, args)} raises an error (the kernel does not fit: "
             f"size + 2*padding < dilation*(kernel_size - 1) + 1), so conv2d_output_size "
             f"should raise ValueError, but it returned {outcome[0]!r}. Raise when a size "
             "comes out below 1, and divide with floor (//): int() truncates -0.5 to 0, and "
             "ceil and round give 0 too, so the size would come out as 1",
             expected="raises ValueError", got=outcome[0])
    expect(outcome.is_a("ValueError"),
           f"{shown(h, w, args)} fails, so conv2d_output_size should raise ValueError, but it "
           f"raised {outcome.type}: {outcome.message}",
           expected="raises ValueError", got=outcome.type)
