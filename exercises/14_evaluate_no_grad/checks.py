"""Checks for exercise 14: evaluate(model, loader) in eval mode, without gradients.

The logits table and the labels are built here from drawn sizes and a drawn seed; the probe's
model returns row i of the table for the input row whose column 0 is i, and records, at every
forward, torch.is_grad_enabled() and the training flags of the model and of its submodule.
The number of classes is drawn different from every batch size, so an argmax over the batch
dim cannot pass by luck; the last batch is smaller, so a mean of per-batch accuracies is off.
"""

import torch
from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect, fail

TOL = 1e-6
seeds = st.integers(0, 2**31 - 1)


@st.composite
def cases(draw):
    """(classes, batch sizes): full batches then a smaller last one; classes differ from all
    batch sizes."""
    batch = draw(st.integers(2, 7))
    full = draw(st.integers(1, 4))
    last = draw(st.integers(1, batch - 1))
    classes = draw(st.integers(2, 9).filter(lambda c: c not in (batch, last)))
    return classes, [batch] * full + [last]


def _data(classes, batch_sizes, seed):
    """Logits [N, classes] and labels [N]: about half the labels agree with the argmax."""
    g = torch.Generator().manual_seed(seed)
    n = sum(batch_sizes)
    logits = torch.randn(n, classes, generator=g)
    right = logits.argmax(dim=1)
    other = (right + torch.randint(1, classes, (n,), generator=g)) % classes
    hit = torch.rand(n, generator=g) < 0.5
    return logits, torch.where(hit, right, other)


def _run(sub, classes, batch_sizes, seed, start_training=False, loader="list"):
    logits, labels = _data(classes, batch_sizes, seed)
    seen = sub.probe("evaluate_on", logits=logits, labels=labels, batch_sizes=batch_sizes,
                     features=classes + 1, loader=loader, start_training=start_training)
    return logits, labels, seen


def _no_error(seen, batch_sizes):
    if seen["raised"] is None:
        return
    hint = ""
    text = seen["raised"]
    if "must match the size" in text:
        hint = (": the logits are [batch, classes], so take the argmax over the class dim "
                "(dim=1), which gives one prediction per sample, like y")
    elif "dataset" in text:
        hint = (": the loader can be any iterable of (x, y) batches, here a list, with no "
                ".dataset; count the samples as you go (y.size(0) per batch)")
    fail(f"evaluate raised {text}{hint}", expected="a float accuracy", got=text)


def _close(a, b):
    return a is not None and abs(a - b) <= TOL


def _accuracy_problem(value, logits, labels, batch_sizes):
    """What the wrong value looks like, when it matches a known mistake."""
    right = logits.argmax(dim=1) == labels
    counts = [int(part.sum()) for part in right.split(batch_sizes)]
    per_batch = sum(c / s for c, s in zip(counts, batch_sizes, strict=True)) / len(batch_sizes)
    if _close(value, per_batch):
        return ("it is the mean of the per-batch accuracies, in which the smaller last batch "
                "counts as much as a full one; add up the correct predictions and the samples "
                "over all batches, and divide once at the end")
    if _close(value, float(sum(counts))):
        return "it is the number of correct predictions; divide by the number of samples"
    if _close(value, sum(counts) / len(batch_sizes)):
        return "it divides by the number of batches; divide by the number of samples"
    return ("check that the prediction is the argmax over the class dim (dim=1) of each row of "
            "logits, compared with y")


@check("returns the top-1 accuracy over all samples", case=cases(), seed=seeds,
       loader=st.sampled_from(["list", "DataLoader"]))
@example(case=(3, [4, 4, 2]), seed=0, loader="list")
@example(case=(5, [3, 1]), seed=1, loader="list")
@example(case=(4, [6, 6, 5]), seed=2, loader="DataLoader")
def accuracy(sub, case, seed, loader):
    classes, batch_sizes = case
    logits, labels, seen = _run(sub, classes, batch_sizes, seed, loader=loader)
    _no_error(seen, batch_sizes)
    want = (logits.argmax(dim=1) == labels).sum().item() / labels.numel()
    value = seen["value"]
    if value is None:
        fail(f"evaluate returned a {seen['value_type']}, not a number", expected=want,
             got=seen["value_type"])
    if not _close(value, want):
        fail(f"the accuracy is wrong: {_accuracy_problem(value, logits, labels, batch_sizes)}",
             expected=want, got=value)


@check("reads the loader once, so a generator of batches works too", case=cases(), seed=seeds)
@example(case=(3, [4, 4, 2]), seed=0)
def one_pass(sub, case, seed):
    classes, batch_sizes = case
    logits, labels, seen = _run(sub, classes, batch_sizes, seed, loader="generator")
    what = "a loader that is a generator of (x, y) batches (it can be read only once)"
    if seen["raised"] is not None:
        hint = ""
        if "len()" in seen["raised"]:
            hint = ("; a generator has no len(): count the samples as you go (y.size(0) per "
                    "batch) and check for none after the loop")
        fail(f"evaluate raised {seen['raised']} for {what}{hint}", expected="a float accuracy",
             got=seen["raised"])
    want = (logits.argmax(dim=1) == labels).sum().item() / labels.numel()
    value = seen["value"]
    if value is None:
        fail(f"evaluate returned a {seen['value_type']}, not a number", expected=want,
             got=seen["value_type"])
    if _close(value, want):
        return
    passes = seen["loader_passes"]
    if passes is not None and passes > 1:
        fail(f"evaluate went through the loader {passes} times, but this loader is a "
             "generator of (x, y) batches, which can be read only once: the second pass found "
             "no batches. Count the samples and the correct predictions in the same loop",
             expected=want, got=value)
    fail(f"the accuracy is wrong for {what}: "
         f"{_accuracy_problem(value, logits, labels, batch_sizes)}", expected=want, got=value)


@check("returns the accuracy as a Python float", case=cases(), seed=seeds)
@example(case=(3, [4, 4, 2]), seed=0)
def returns_float(sub, case, seed):
    classes, batch_sizes = case
    _, _, seen = _run(sub, classes, batch_sizes, seed)
    _no_error(seen, batch_sizes)
    expect(seen["value_type"] == "float",
           f"evaluate returned a {seen['value_type']}; return a Python float: sum the correct "
           "predictions as Python numbers (.item()) and divide, or call .item() on a "
           "one-element tensor", expected="float", got=seen["value_type"])


def _calls(seen, batch_sizes):
    _no_error(seen, batch_sizes)
    expect(seen["calls"], "evaluate never called the model", expected="one forward per batch",
           got="no forward")
    return seen["calls"]


@check("runs every forward with gradient tracking off", case=cases(), seed=seeds,
       start_training=st.booleans())
@example(case=(3, [4, 4, 2]), seed=0, start_training=True)
def no_grad(sub, case, seed, start_training):
    classes, batch_sizes = case
    _, _, seen = _run(sub, classes, batch_sizes, seed, start_training)
    for i, call in enumerate(_calls(seen, batch_sizes)):
        expect(not call["grad_enabled"],
               f"forward number {i + 1} ran with gradient tracking on, so autograd recorded a "
               "graph it will never use, at the cost of memory and time; run the loop inside "
               "`with torch.no_grad():` (or torch.inference_mode())",
               expected="torch.is_grad_enabled() == False", got="True")


@check("runs every forward in eval mode", case=cases(), seed=seeds)
@example(case=(3, [4, 4, 2]), seed=0)
def eval_mode(sub, case, seed):
    classes, batch_sizes = case
    _, _, seen = _run(sub, classes, batch_sizes, seed, start_training=True)
    for i, call in enumerate(_calls(seen, batch_sizes)):
        if call["training"]:
            fail(f"forward number {i + 1} ran in training mode (the model was in training "
                 "mode when evaluate was called); call model.eval() before the loop: Dropout "
                 "and BatchNorm behave differently in training mode",
                 expected="model.training == False", got="True")
        expect(not call["head_training"],
               f"forward number {i + 1} ran with model.training False but its submodules "
               "still in training mode: setting model.training by hand changes only the "
               "top module; model.eval() switches every submodule",
               expected="every submodule in eval mode", got="submodules in training mode")


def _mode(training):
    return "training mode" if training else "eval mode"


@check("leaves the model in the mode it had before (training or eval)", case=cases(),
       seed=seeds, start_training=st.booleans())
@example(case=(3, [4, 4, 2]), seed=0, start_training=True)
@example(case=(3, [4, 4, 2]), seed=0, start_training=False)
def restores_mode(sub, case, seed, start_training):
    classes, batch_sizes = case
    _, _, seen = _run(sub, classes, batch_sizes, seed, start_training)
    _no_error(seen, batch_sizes)
    before, after = _mode(start_training), _mode(seen["training_after"])
    if seen["training_after"] != start_training:
        fix = ("remember was_training = model.training first and call "
               "model.train(was_training) at the end")
        if start_training:
            why = "the caller is in the middle of training and expects to continue"
        else:
            why = "a bare model.train() at the end is not enough: restore the mode it HAD"
        fail(f"the model was in {before} before evaluate and is in {after} after it; {why}: "
             f"{fix}", expected=before, got=after)
    expect(seen["head_training_after"] == start_training,
           f"model.training is back to {start_training}, but its submodules are left in "
           f"{_mode(seen['head_training_after'])}: setting model.training by hand changes only "
           "the top module; model.train(was_training) sets every submodule",
           expected=f"every submodule in {before}",
           got=f"submodules in {_mode(seen['head_training_after'])}")


@check("turns gradient tracking back on when it returns", case=cases(), seed=seeds)
@example(case=(3, [4, 4, 2]), seed=0)
def grad_restored(sub, case, seed):
    classes, batch_sizes = case
    _, _, seen = _run(sub, classes, batch_sizes, seed)
    _no_error(seen, batch_sizes)
    expect(seen["grad_enabled_after"],
           "gradient tracking was on before evaluate and is still off after it, so the "
           "training that follows would compute no gradients; torch.set_grad_enabled(False) "
           "as a plain statement switches it off for good: use it, or torch.no_grad(), as a "
           "`with` block", expected="torch.is_grad_enabled() == True", got="False")


@check("raises ValueError for a loader with no samples", empty_batches=st.integers(0, 3),
       classes=st.integers(2, 9))
@example(empty_batches=0, classes=3)
@example(empty_batches=2, classes=3)
def no_samples(sub, empty_batches, classes):
    logits = torch.zeros(0, classes)
    labels = torch.zeros(0, dtype=torch.int64)
    seen = sub.probe("evaluate_on", logits=logits, labels=labels,
                     batch_sizes=[0] * empty_batches, features=classes + 1, loader="list",
                     start_training=False)
    what = "an empty loader" if empty_batches == 0 else f"{empty_batches} empty batch(es)"
    if seen["raised"] is None:
        fail(f"for {what} evaluate returned {seen['value']!r}; an accuracy over no samples "
             "means nothing, so raise ValueError", expected="raises ValueError",
             got=f"returned {seen['value']!r}")
    if "ValueError" not in seen["raised_mro"]:
        hint = (": count the samples and raise ValueError yourself when there are none, "
                "before dividing" if "ZeroDivisionError" in seen["raised_mro"] else "")
        fail(f"for {what} evaluate raised {seen['raised']}, expected ValueError{hint}",
             expected="raises ValueError", got=seen["raised"])
