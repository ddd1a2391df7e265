"""Checks for exercise 11: init_weights used as model.apply(init_weights).

The probe builds a model from layer descriptions, gives every parameter "trained" values
(N(0.25, 0.5)), seeds torch's global RNG with the drawn seed, applies init_weights and sends
back every parameter. The statistics are computed here, on the tensors themselves.

Statistical bands are six standard errors wide for the sizes drawn (at least 2048 values per
judged tensor), so a correct init never fails by bad luck, while std 0.2, mean 0.02 with std 1,
a constant, or a uniform with the right std (excess kurtosis -1.2) are far outside them.
"""

import math

import torch
from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect, fail

SIGMA = 0.02
SPREAD = 6.0  # standard errors

seeds = st.integers(0, 2**31 - 1)
# At least 48 * 48 = 2304 and 8 * 16 * 4 * 4 = 2048 weights: enough for tight statistics.
linears = st.tuples(st.integers(48, 64), st.integers(48, 64))
convs = st.tuples(st.integers(8, 12), st.integers(16, 24), st.just(4))
# Where only zeros, crashes or identities are judged, small layers do (and run faster).
small_linears = st.tuples(st.integers(2, 12), st.integers(2, 12))
small_convs = st.tuples(st.integers(1, 6), st.integers(2, 8), st.integers(1, 3))
bn_sizes = st.integers(2048, 4096)

INIT_KINDS = ("Linear", "Conv2d", "BatchNorm2d")
HOW = {
    "Linear": "nn.init.normal_(m.weight, mean=0.0, std=0.02)",
    "Conv2d": "nn.init.normal_(m.weight, mean=0.0, std=0.02)",
    "BatchNorm2d": "nn.init.normal_(m.weight, mean=1.0, std=0.02)",
}


def _apply(sub, layers, seed, report_before=False):
    kwargs = {"report_before": True} if report_before else {}
    seen = sub.probe("apply_init_weights_to", layers=layers, seed=seed, **kwargs)
    if "error" in seen:
        fail(f"model.apply(init_weights) raised {seen['error']}",
             expected="no exception", got=seen["error"])
    return seen["layers"]


def _entry(layer, name):
    entry = layer["params"].get(name)
    if entry is None:
        fail(f"{layer['label']} has no parameter {name!r} any more")
    if entry["after"] is None:
        fail(f"{layer['label']}.{name} is no longer a tensor but a {entry.get('type')}; "
             "fill the existing parameter in place instead of assigning something else",
             got=entry.get("type"))
    return entry


def _stats(tensor):
    x = tensor.detach().to(torch.float64).reshape(-1)
    n = x.numel()
    mean = x.mean().item()
    centred = x - mean
    m2 = (centred ** 2).mean().item()
    std = math.sqrt(m2 * n / (n - 1)) if n > 1 else 0.0
    kurtosis = (centred ** 4).mean().item() / m2 ** 2 - 3 if m2 > 0 else float("nan")
    return n, mean, std, kurtosis


def _expect_normal(layer, name, mu):
    """The parameter looks like fresh draws from N(mu, SIGMA)."""
    entry = _entry(layer, name)
    label, kind = layer["label"], layer["kind"]
    what = f"{label}.{name}"
    want = f"N({mu:g}, {SIGMA:g}): mean {mu:g}, std {SIGMA:g}"
    how = HOW[kind]
    if entry["unchanged"]:
        fail(f"init_weights left {what} unchanged; fill it with {how}",
             expected=want, got="the values it had before")
    n, mean, std, kurtosis = _stats(entry["after"])
    got = f"mean {mean:.4g}, std {std:.4g}"
    uniform = kurtosis < -0.9
    if abs(std / SIGMA - 1) > SPREAD / math.sqrt(2 * n):
        if std == 0:
            why = (f"every value is {mean:.4g}: a constant has no spread at all. The weight "
                   "should be random draws")
            if kind == "BatchNorm2d":
                why += (" around 1, not exactly 1 (nn.init.constant_ / fill_(1) is a common "
                        "choice, but not this one)")
        elif abs(std - 1) < 0.1 and abs(mean - SIGMA) < 0.1:
            why = (f"it has std {std:.3g} and mean {mean:.3g}: nn.init.normal_'s arguments are "
                   "(tensor, mean, std), so normal_(w, 0.02) sets the MEAN to 0.02 and leaves "
                   "the std at 1; pass std=0.02 by name")
        elif uniform:
            why = (f"it has std {std:.3g}, expected {SIGMA:g}, and its values are spread "
                   "evenly like a uniform_ init, not bell-shaped like normal_")
        else:
            why = f"it has std {std:.4g}, expected {SIGMA:g}"
        fail(f"{what} should be drawn from {want}, but {why}; use {how}",
             expected=want, got=got)
    if abs(mean - mu) > SPREAD * SIGMA / math.sqrt(n):
        why = f"it has mean {mean:.4g}, expected {mu:g}"
        if kind == "BatchNorm2d" and abs(mean) < 0.1:
            why += (": BatchNorm's weight is a scale that multiplies every normalized value, "
                    "so it starts around 1, not around 0 (mean=1.0)")
        fail(f"{what} should be drawn from {want}, but {why}; use {how}",
             expected=want, got=got)
    if abs(kurtosis) > SPREAD * math.sqrt(24 / n):
        shape = " (a uniform distribution has -1.2)" if uniform else ""
        fail(f"{what} has the right mean and std but is not normally distributed: its excess "
             f"kurtosis is {kurtosis:.3g}, a normal distribution has 0{shape}; draw it with "
             f"{how}, not with uniform_ or another distribution",
             expected=want + ", excess kurtosis 0", got=f"{got}, excess kurtosis {kurtosis:.3g}")


def _expect_zero(layer, name):
    entry = _entry(layer, name)
    what = f"{layer['label']}.{name}"
    if entry["unchanged"]:
        fail(f"init_weights left {what} unchanged; set it to zero with nn.init.zeros_(m.{name})",
             expected="all zeros", got="the values it had before")
    values = entry["after"]
    nonzero = int((values != 0).sum())
    expect(nonzero == 0,
           f"{what} should be all zeros, but {nonzero} of its {values.numel()} values are not; "
           f"use nn.init.zeros_(m.{name})", expected="all zeros", got=values)


def _of_kind(layers, kind):
    return [layer for layer in layers if layer["kind"] == kind]


def _conv_linear(lin, conv, bias=True):
    flag = "" if bias else ", bias=False"
    return [f"nn.Linear({lin[0]}, {lin[1]}{flag})",
            f"nn.Conv2d({conv[0]}, {conv[1]}, {conv[2]}{flag})"]


@check("Conv2d and Linear weights are drawn from N(0, 0.02)", lin=linears, conv=convs,
       seed=seeds)
@example(lin=(64, 50), conv=(8, 16, 4), seed=0)
def conv_linear_weights(sub, lin, conv, seed):
    layers = _apply(sub, [*_conv_linear(lin, conv), "nn.BatchNorm2d(16)", "nn.ReLU()"], seed)
    for layer in _of_kind(layers, "Linear") + _of_kind(layers, "Conv2d"):
        _expect_normal(layer, "weight", 0.0)


@check("Conv2d and Linear biases are set to zero", lin=small_linears, conv=small_convs,
       seed=seeds)
@example(lin=(4, 3), conv=(3, 5, 3), seed=0)
def conv_linear_biases(sub, lin, conv, seed):
    layers = _apply(sub, [*_conv_linear(lin, conv), "nn.BatchNorm2d(16)"], seed)
    for layer in _of_kind(layers, "Linear") + _of_kind(layers, "Conv2d"):
        _expect_zero(layer, "bias")


@check("BatchNorm2d weights are drawn from N(1, 0.02) and its biases are set to zero",
       features=bn_sizes, seed=seeds)
@example(features=2048, seed=0)
def batchnorm(sub, features, seed):
    layers = _apply(sub, ["nn.Conv2d(3, 8, 3)", f"nn.BatchNorm2d({features})",
                          "nn.Linear(8, 4)"], seed)
    for layer in _of_kind(layers, "BatchNorm2d"):
        _expect_normal(layer, "weight", 1.0)
        _expect_zero(layer, "bias")


@check("works for Conv2d and Linear layers built with bias=False", lin=small_linears,
       conv=small_convs, seed=seeds)
@example(lin=(4, 3), conv=(3, 5, 3), seed=0)
def without_bias(sub, lin, conv, seed):
    specs = [*_conv_linear(lin, conv, bias=False), f"nn.BatchNorm2d({conv[1]})"]
    seen = sub.probe("apply_init_weights_to", layers=specs, seed=seed)
    if "error" in seen:
        fail(f"model.apply(init_weights) crashed on a model with bias=False layers: "
             f"{seen['error']}. A layer built with bias=False has m.bias = None: touch the "
             "bias only `if m.bias is not None`", expected="no exception", got=seen["error"])
    for layer in _of_kind(seen["layers"], "Linear") + _of_kind(seen["layers"], "Conv2d"):
        expect(not _entry(layer, "weight")["unchanged"],
               f"init_weights left {layer['label']}.weight unchanged: a layer without a bias "
               f"still needs its weight drawn with {HOW[layer['kind']]}",
               expected="N(0, 0.02) draws", got="the values it had before")


OTHERS = ["nn.BatchNorm1d(12)", "nn.BatchNorm3d(6)", "nn.LayerNorm(10)", "nn.GroupNorm(2, 8)",
          "nn.InstanceNorm2d(5, affine=True)", "nn.Embedding(7, 6)", "nn.Conv1d(3, 5, 3)",
          "nn.ConvTranspose2d(3, 4, 3)", "nn.Bilinear(4, 5, 3)", "nn.PReLU(4)", "nn.LSTM(4, 6)"]
TARGETS = ["nn.Linear(6, 5)", "nn.Conv2d(3, 4, 3)", "nn.BatchNorm2d(4)"]
other_models = st.lists(st.sampled_from(OTHERS), min_size=1, max_size=4, unique=True).flatmap(
    lambda others: st.permutations(TARGETS + others))


def _why_touched(kind):
    if kind in ("Conv1d", "ConvTranspose2d"):
        return (f" A test like `'Conv' in m.__class__.__name__` matches {kind} too; test "
                "isinstance(m, nn.Conv2d)")
    if kind.startswith("BatchNorm"):
        return (f" A test like `'BatchNorm' in m.__class__.__name__` (or isinstance with "
                f"_BatchNorm) matches {kind} too; test isinstance(m, nn.BatchNorm2d)")
    if kind == "Bilinear":
        return (" A test like `'Linear' in m.__class__.__name__` matches 'Bilinear' too; test "
                "isinstance(m, nn.Linear)")
    return " Only nn.Conv2d, nn.Linear and nn.BatchNorm2d are re-initialised."


@check("leaves every other kind of layer unchanged (BatchNorm1d, LayerNorm, Embedding, "
       "Conv1d, …)", layers=other_models, seed=seeds)
@example(layers=TARGETS + OTHERS, seed=0)
@example(layers=["nn.Conv1d(3, 5, 3)", *TARGETS, "nn.BatchNorm1d(12)"], seed=1)
def others_untouched(sub, layers, seed):
    for layer in _apply(sub, layers, seed, report_before=True):
        if layer["kind"] in INIT_KINDS:
            continue
        for name, entry in layer["params"].items():
            what = f"{layer['label']}.{name}"
            if entry["after"] is None or not entry["same"]:
                fail(f"init_weights replaced {what}, which belongs to a layer it should leave "
                     "alone." + _why_touched(layer["kind"]))
            expect(entry["unchanged"],
                   f"init_weights changed {what}, but a {layer['kind']} is not a Conv2d, Linear "
                   "or BatchNorm2d, so its parameters must stay as they were."
                   + _why_touched(layer["kind"]),
                   expected=entry["before"], got=entry["after"])


@check("fills the parameters in place: the model keeps the very same Parameter objects",
       lin=st.tuples(st.integers(2, 9), st.integers(2, 9)), features=st.integers(2, 9),
       seed=seeds)
@example(lin=(4, 3), features=5, seed=0)
def in_place(sub, lin, features, seed):
    specs = [f"nn.Conv2d(3, {features}, 3)", f"nn.BatchNorm2d({features})",
             f"nn.Linear({lin[0]}, {lin[1]})", f"nn.Linear({lin[1]}, 2, bias=False)"]
    for layer in _apply(sub, specs, seed):
        for name, entry in layer["params"].items():
            what = f"{layer['label']}.{name}"
            expect(entry["same"],
                   f"init_weights replaced {what} with a new object; fill the existing "
                   "Parameter in place instead (nn.init.normal_(m.weight, ...), "
                   "nn.init.zeros_(m.bias)). A new nn.Parameter breaks everything that already "
                   "holds the old one, e.g. an optimizer built before the init",
                   expected="the same Parameter object, new values",
                   got="a new " + ("nn.Parameter" if entry["is_parameter"]
                                   else str(entry.get("type", "object"))))
