"""Checks for exercise 18: top-k accuracy with torch.max / topk.

Logits are built here from drawn sizes and a drawn seed: every row is a random permutation of
distinct, non-integral scores, so "the k largest" is never ambiguous (no ties) and a max value
never equals a label by luck. Labels hit the top class of their row about 40% of the time and
are uniform otherwise, so accuracies are neither 0 nor 1. N and C are drawn different, so a max
along the wrong dim cannot line up with the labels; @example pins N == C cases where it would
run, and gives a different answer.
"""

import math

import torch
from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect, fail

from . import reference

TOL = 1e-6
seeds = st.integers(0, 2**31 - 1)
sizes = st.tuples(st.integers(1, 9), st.integers(2, 8)).filter(lambda nc: nc[0] != nc[1])
calls = st.sampled_from(["default", "positional", "keyword"])


def make_case(n, c, seed):
    g = torch.Generator().manual_seed(seed)
    ranks = torch.rand(n, c, generator=g).argsort(dim=1)  # a permutation of 0..C-1 per row
    offset = torch.rand(n, 1, generator=g) * 0.8 + 0.1
    scale = torch.rand(n, 1, generator=g) + 0.5
    shift = torch.randn(n, 1, generator=g) * 2
    logits = (ranks.float() + offset) * scale + shift
    order = logits.argsort(dim=1, descending=True)  # class indices, best first
    rank = torch.randint(0, c, (n,), generator=g)
    rank = torch.where(torch.rand(n, generator=g) < 0.4, torch.zeros_like(rank), rank)
    labels = order.gather(1, rank.unsqueeze(1)).squeeze(1)
    return logits, labels


def true_accuracy(logits, labels, k):
    top = logits.topk(k, dim=1).indices
    return int((top == labels.unsqueeze(1)).any(dim=1).sum()) / logits.shape[0]


def accuracy(sub, logits, labels, k, how="keyword"):
    """The learner's answer, which must be a Python float; failures explain common slips."""
    if how == "default":
        args, kwargs = (), {}
    elif how == "positional":
        args, kwargs = (k,), {}
    else:
        args, kwargs = (), {"k": k}
    outcome = sub.outcome("topk_accuracy", logits, labels, *args, **kwargs)
    if not isinstance(outcome, tuple):
        text = f"topk_accuracy raised {outcome.type}: {outcome.message}"
        if "must match the size" in outcome.message:
            text += ("\nthe predictions do not line up with the N labels: take the best "
                     "classes of each ROW (dim=1), one prediction per sample")
        if outcome.traceback:
            text += "\n" + outcome.traceback
        fail(text, got=f"{outcome.type}: {outcome.message}")
    got = outcome[0]
    n = logits.shape[0]
    want = round(reference.topk_accuracy(logits, labels, k) * n) / n  # exact: 4 / 5 = 0.8
    if isinstance(got, torch.Tensor):
        fail("topk_accuracy returned a tensor; return a plain Python float, e.g. with "
             "`.item()`, so it can be logged, summed and compared like a number",
             expected=want, got=got)
    if isinstance(got, int) and not isinstance(got, bool) and n > 1 and got == round(want * n):
        fail(f"topk_accuracy returned {got}, the number of correct rows; the accuracy is the "
             f"fraction: divide by N = {n}", expected=want, got=got)
    expect(type(got) is float,
           f"topk_accuracy should return a Python float, but returned {type(got).__name__}",
           expected=want, got=got)
    return got, want


def close(a, b):
    return math.isclose(a, b, rel_tol=0, abs_tol=TOL)


@check("returns a Python float between 0 and 1 (a fraction, not a tensor or a count)",
       nc=sizes, data=st.data(), seed=seeds)
@example(nc=(5, 3), data=None, seed=1)
def returns_fraction(sub, nc, data, seed):
    n, c = nc
    k = 1 if data is None else data.draw(st.integers(1, c), label="k")
    logits, labels = make_case(n, c, seed)
    got, want = accuracy(sub, logits, labels, k)
    expect(0.0 <= got <= 1.0, f"an accuracy is a fraction of the {n} rows, between 0 and 1",
           expected=want, got=got)


@check("with k=1, returns the fraction of rows whose largest logit is at the label",
       nc=sizes, how=calls, seed=seeds)
@example(nc=(4, 4), how="default", seed=3)  # N == C: a max along dim 0 runs, and is wrong
@example(nc=(6, 6), how="keyword", seed=4)
@example(nc=(7, 3), how="positional", seed=2)
def top1(sub, nc, how, seed):
    n, c = nc
    logits, labels = make_case(n, c, seed)
    got, want = accuracy(sub, logits, labels, 1, how)
    if close(got, want):
        return
    if n == c and close(got, float((logits.argmax(dim=0) == labels).float().mean())):
        fail("this is the max along dim 0, the best ROW for each class; the predicted class "
             "of a sample is the max over its own row: torch.max(logits, 1) or "
             "logits.argmax(dim=1)", expected=want, got=got)
    values = logits.max(dim=1).values
    if want > 0 and close(got, float((values == labels).float().mean())):
        fail("this compares the max VALUES (torch.max(...)[0]) with the labels; the predicted "
             "class is the INDEX of the max, torch.max(logits, 1)[1]", expected=want, got=got)
    fail(f"the top-1 accuracy over these {n} rows is {want:.6g}", expected=want, got=got)


@check("counts a row when its label is among its k largest logits", nc=sizes,
       data=st.data(), how=st.sampled_from(["positional", "keyword"]), seed=seeds)
@example(nc=(6, 5), data=None, how="keyword", seed=4)
@example(nc=(3, 8), data=None, how="positional", seed=8)
def topk(sub, nc, data, how, seed):
    n, c = nc
    k = min(3, c) if data is None else data.draw(st.integers(1, c), label="k")
    logits, labels = make_case(n, c, seed)
    got, want = accuracy(sub, logits, labels, k, how)
    if close(got, want):
        return
    top1_acc = true_accuracy(logits, labels, 1)
    if k > 1 and close(got, top1_acc):
        fail(f"this is the top-1 accuracy, as if k were 1; with k={k} a row counts when its "
             f"label is anywhere among its {k} largest logits (logits.topk(k, dim=1))",
             expected=want, got=got)
    if k > 1 and close(got, want / k):
        fail("this is the mean over the [N, k] hit matrix, which divides by N·k; a row is "
             "correct when ANY of its k guesses hits: reduce with .any(dim=1) before the mean",
             expected=want, got=got)
    values = logits.topk(k, dim=1).values
    if want > 0 and close(got, float((values == labels.unsqueeze(1)).any(dim=1).float().mean())):
        fail("this compares the top-k VALUES (topk(...)[0]) with the labels; the predicted "
             "classes are the INDICES, logits.topk(k, dim=1).indices (or [1])",
             expected=want, got=got)
    fail(f"the top-{k} accuracy over these {n} rows is {want:.6g}", expected=want, got=got)


@check("raises ValueError when k < 1, k > C or there are no rows (N == 0)",
       nc=sizes, case=st.sampled_from(["k < 1", "k > C", "N == 0"]), data=st.data(),
       seed=seeds)
@example(nc=(4, 3), case="k > C", data=None, seed=6)
@example(nc=(4, 3), case="N == 0", data=None, seed=7)
@example(nc=(4, 3), case="k < 1", data=None, seed=8)
def rejects_bad_input(sub, nc, case, data, seed):
    n, c = nc

    def draw(strategy, fallback):
        return fallback if data is None else data.draw(strategy, label="k")

    if case == "k < 1":
        k = draw(st.integers(-2, 0), 0)
    elif case == "k > C":
        k = draw(st.integers(c + 1, c + 3), c + 1)
    else:
        n, k = 0, draw(st.integers(1, c), 1)
    logits, labels = make_case(n, c, seed)
    outcome = sub.outcome("topk_accuracy", logits, labels, k=k)
    if isinstance(outcome, tuple):
        why = {"k < 1": f"k={k} asks for fewer than one guess per row",
               "k > C": f"k={k} asks for more guesses than there are classes (C={c}); do not "
                        "quietly use min(k, C)",
               "N == 0": "there are no rows, so there is no accuracy to report (0/0)"}[case]
        fail(f"topk_accuracy should raise ValueError here: {why}",
             expected="raises ValueError", got=outcome[0])
    if not outcome.is_a("ValueError"):
        fail(f"with {case} topk_accuracy should raise ValueError, but it raised "
             f"{outcome.type}: {outcome.message}; check k and N yourself first, before torch "
             "fails with its own error", expected="raises ValueError",
             got=f"{outcome.type}: {outcome.message}")
