"""Checks for exercise 16: train_step(model, batch, optimizer, loss_fn).

Parameters, batches and left-over gradients are built here from drawn sizes and a drawn seed.
The probe loads them into Linear -> Tanh -> Linear, builds SGD(lr) (an exact stand-in for
torch.optim.SGD, see OPTIMIZER below) and an instrumented loss, calls train_step and reports
the returned value, the parameters after each call and the order of zero_grad / loss /
backward / step. The expected SGD step is computed here with autograd on
the same numbers: new = p - lr * d loss / d p.
"""

import torch
import torch.nn.functional as F
from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect, fail

RTOL, ATOL = 1e-4, 1e-5
NAMES = ["0.weight", "0.bias", "2.weight", "2.bias"]
STALE = 5.0  # left-over gradients ~ N(0, 5): their effect is far above the tolerance

# "SGD": probes.SGD, the same update and interface as torch.optim.SGD (no momentum).
# "torch.optim.SGD": the real one, whose first step imports torch._dynamo: seconds per check,
# since every check runs in a fresh worker.
OPTIMIZER = "SGD"

seeds = st.integers(0, 2**31 - 1)
rates = st.sampled_from([0.01, 0.05, 0.1, 0.2, 0.5])
losses = st.sampled_from(["mse", "cross_entropy"])


@st.composite
def shapes(draw):
    """(inputs, hidden, outputs, batch), all different."""
    return tuple(draw(st.lists(st.integers(2, 7), min_size=4, max_size=4, unique=True)))


def _setup(shape, loss, seed, calls=1):
    d_in, hidden, d_out, batch = shape
    g = torch.Generator().manual_seed(seed)
    params = [torch.randn(hidden, d_in, generator=g), torch.randn(hidden, generator=g),
              torch.randn(d_out, hidden, generator=g), torch.randn(d_out, generator=g)]
    batches = []
    for _ in range(calls):
        x = torch.randn(batch, d_in, generator=g)
        if loss == "mse":
            y = torch.randn(batch, d_out, generator=g)
        else:
            y = torch.randint(0, d_out, (batch,), generator=g)
        batches.append((x, y))
    stale = [torch.randn(p.shape, generator=g) * STALE for p in params]
    return params, batches, stale


def _loss_and_grads(params, batch, loss):
    x, y = batch
    ps = [p.detach().clone().requires_grad_(True) for p in params]
    out = torch.tanh(x @ ps[0].T + ps[1]) @ ps[2].T + ps[3]
    value = F.mse_loss(out, y) if loss == "mse" else F.cross_entropy(out, y)
    grads = torch.autograd.grad(value, ps)
    return value.item(), [g.detach() for g in grads]


def _step(params, grads, lr, times=1):
    return [p - times * lr * g for p, g in zip(params, grads, strict=True)]


def _close(got, want):
    return all(a.shape == b.shape and torch.allclose(a, b, rtol=RTOL, atol=ATOL)
               for a, b in zip(got, want, strict=True))


def _run(sub, params, batches, lr, loss, stale=None):
    kwargs = {"stale_grads": stale} if stale is not None else {}
    if OPTIMIZER != "SGD":
        kwargs["optimizer"] = OPTIMIZER
    calls = sub.probe("train_steps", params=params, batches=batches, lr=lr, loss=loss, **kwargs)
    for call in calls:
        if call["error"] is not None:
            hint = ""
            if "'NoneType' object has no attribute" in call["error"]:
                hint = (": a parameter's .grad is None until its first backward; "
                        "optimizer.zero_grad() handles that case")
            fail(f"train_step raised {call['error']}{hint}", expected="a float loss",
                 got=call["error"])
    return calls


def _common(params, grads, lr):
    """Mistakes any check can show: no step at all, or two steps."""
    return [
        (params, "the parameters did not change. optimizer.step() must come after "
                 "loss.backward(), with the gradients still there (zero_grad belongs before "
                 "backward, not between backward and step)"),
        (_step(params, grads, lr, 2), "the parameters moved twice as far as one step: "
                                      "optimizer.step() ran twice"),
    ]


def _expect_params(got, want, problems, what):
    """got == want, or fail with the first known mistake whose parameters match."""
    if _close(got, want):
        return
    for alternative, why in problems:
        if _close(got, alternative):
            fail(f"{what}: {why}", expected=want[0], got=got[0])
    for name, a, b in zip(NAMES, got, want, strict=True):
        if not (a.shape == b.shape and torch.allclose(a, b, rtol=RTOL, atol=ATOL)):
            fail(f"{what}: parameter {name} is not p - lr * grad, the result of one SGD step "
                 "with this batch's gradients", expected=b, got=a)


@check("returns the loss as a Python float", shape=shapes(), loss=losses, lr=rates, seed=seeds)
@example(shape=(3, 4, 2, 5), loss="mse", lr=0.1, seed=0)
def returns_float(sub, shape, loss, lr, seed):
    params, batches, _ = _setup(shape, loss, seed)
    call = _run(sub, params, batches, lr, loss)[0]
    want, grads = _loss_and_grads(params, batches[0], loss)
    if call["value_type"] == "Tensor":
        graph = (" that still requires grad, so it keeps the whole graph of the forward "
                 "pass alive" if call.get("requires_grad") else "")
        fail(f"train_step returned a tensor{graph}; return the loss as a Python float "
             "with loss.item()", expected=f"float {want:.6g}", got="a Tensor")
    expect(call["value_type"] == "float",
           f"train_step returned a {call['value_type']}; return the loss as a Python float "
           "with loss.item()", expected=f"float {want:.6g}", got=call["value_type"])
    value = call["value"]
    if abs(value - want) <= 1e-5 * max(1.0, abs(want)):
        return
    after, _ = _loss_and_grads(_step(params, grads, lr), batches[0], loss)
    why = "it is not loss_fn(model(x), y) of this batch"
    if abs(value - after) <= 1e-5 * max(1.0, abs(after)):
        why = ("it is the loss recomputed after optimizer.step(); return the loss that was "
               "back-propagated")
    fail(f"the returned loss is wrong: {why}", expected=want, got=value)


@check("one call makes one SGD step with this batch's gradients", shape=shapes(), loss=losses,
       lr=rates, seed=seeds)
@example(shape=(3, 4, 2, 5), loss="mse", lr=0.1, seed=0)
def one_step(sub, shape, loss, lr, seed):
    params, batches, _ = _setup(shape, loss, seed)
    call = _run(sub, params, batches, lr, loss)[0]
    _, grads = _loss_and_grads(params, batches[0], loss)
    _expect_params(call["params"], _step(params, grads, lr), _common(params, grads, lr),
                   "after one call of train_step the parameters are wrong")


@check("gradients left over from before the call do not change the step", shape=shapes(),
       loss=losses, lr=rates, seed=seeds)
@example(shape=(3, 4, 2, 5), loss="mse", lr=0.1, seed=0)
def stale_gradients(sub, shape, loss, lr, seed):
    params, batches, stale = _setup(shape, loss, seed)
    call = _run(sub, params, batches, lr, loss, stale)[0]
    _, grads = _loss_and_grads(params, batches[0], loss)
    summed = [g + s for g, s in zip(grads, stale, strict=True)]
    problems = [
        (_step(params, summed, lr), "the step used this batch's gradients PLUS the gradients "
                                    "left in .grad from before: loss.backward() adds to .grad, "
                                    "so call optimizer.zero_grad() before it"),
        (_step(params, stale, lr), "the step used only the old gradients left in .grad: "
                                   "optimizer.step() ran before loss.backward()"),
        *_common(params, grads, lr),
    ]
    _expect_params(call["params"], _step(params, grads, lr), problems,
                   "the parameters had gradients left over from earlier, and after train_step "
                   "they are wrong")


@check("two calls in a row make two independent steps (gradients do not accumulate)",
       shape=shapes(), loss=losses, lr=rates, seed=seeds)
@example(shape=(3, 4, 2, 5), loss="mse", lr=0.1, seed=0)
def two_calls(sub, shape, loss, lr, seed):
    params, batches, _ = _setup(shape, loss, seed, calls=2)
    first, second = _run(sub, params, batches, lr, loss)
    _, grads1 = _loss_and_grads(params, batches[0], loss)
    middle = _step(params, grads1, lr)
    _expect_params(first["params"], middle, _common(params, grads1, lr),
                   "after the first call the parameters are wrong")
    _, grads2 = _loss_and_grads(middle, batches[1], loss)
    summed = [a + b for a, b in zip(grads1, grads2, strict=True)]
    problems = [
        (_step(middle, summed, lr), "the second step used the first batch's gradients too: "
                                    "loss.backward() ADDS to .grad, so zero the gradients in "
                                    "every call, before backward"),
        *_common(middle, grads2, lr),
    ]
    _expect_params(second["params"], _step(middle, grads2, lr), problems,
                   "after the second call the parameters are wrong")


STEP_RETURNED = "step returned"  # logged by the probe when optimizer.step() returns


def _order(events):
    """The events as the learner thinks of them: a step that returned at once is one "step";
    a step(closure) shows what ran inside it before it returned."""
    shown = []
    for event in events:
        if event == STEP_RETURNED and shown and shown[-1] == "step":
            continue
        shown.append("step returns" if event == STEP_RETURNED else event)
    return " -> ".join(shown) or "nothing"


@check("calls optimizer.step() exactly once per call", shape=shapes(), loss=losses, lr=rates,
       seed=seeds)
@example(shape=(3, 4, 2, 5), loss="mse", lr=0.1, seed=0)
def steps_once(sub, shape, loss, lr, seed):
    params, batches, _ = _setup(shape, loss, seed, calls=2)
    for number, call in enumerate(_run(sub, params, batches, lr, loss), 1):
        steps = call["events"].count("step")
        expect(steps == 1,
               f"call {number} of train_step called optimizer.step() {steps} times; one "
               "training step is exactly one optimizer.step()",
               expected="step once", got=_order(call["events"]))


@check("back-propagates before stepping the optimizer", shape=shapes(), loss=losses, lr=rates,
       seed=seeds)
@example(shape=(3, 4, 2, 5), loss="mse", lr=0.1, seed=0)
def backward_then_step(sub, shape, loss, lr, seed):
    params, batches, _ = _setup(shape, loss, seed)
    events = _run(sub, params, batches, lr, loss)[0]["events"]
    want = "zero_grad -> loss -> backward -> step"
    expect("backward" in events,
           "train_step never back-propagated the loss returned by loss_fn: call "
           "loss.backward()", expected=want, got=_order(events))
    expect("step" in events, "train_step never called optimizer.step()", expected=want,
           got=_order(events))
    # backward inside optimizer.step(closure) also comes before the update
    expect(events.index("backward") < events.index(STEP_RETURNED),
           "train_step called optimizer.step() before loss.backward(): the step then uses "
           "whatever .grad held before (nothing, or old gradients); back-propagate first",
           expected=want, got=_order(events))
