"""Runs in the worker: a small model, an SGD optimizer and a loss function, all instrumented.

The parameter values, batches and left-over gradients come from the checks. The optimizer's
step (its call and its return) and zero_grad, the model's zero_grad, every call of the loss
function and every backward pass through a loss it returned are logged, in order, per call of
train_step.
"""

import torch
from torch import nn

from grader.sandbox.probekit import error_text


class _Loss(nn.Module):
    def __init__(self, kind, events):
        super().__init__()
        self.base = nn.MSELoss() if kind == "mse" else nn.CrossEntropyLoss()
        self.events = events

    def forward(self, prediction, target):
        loss = self.base(prediction, target)
        self.events.append("loss")
        if loss.requires_grad:
            loss.register_hook(self._backward)
        return loss

    def _backward(self, grad):
        self.events.append("backward")


class SGD:
    """Plain SGD without momentum: the same update (p -= lr * p.grad) and the same interface
    (param_groups, state, zero_grad(set_to_none=True), step(closure=None)) as torch.optim.SGD.

    torch.optim.SGD.step (and Optimizer.__init__ / zero_grad) import torch._dynamo on first
    use, which costs seconds in every fresh worker (each check gets one), so the checks use
    this stand-in; train_steps(..., optimizer="torch.optim.SGD") uses the real one.
    """

    def __init__(self, params, lr):
        self.defaults = {"lr": lr}
        self.param_groups = [{"params": list(params), "lr": lr}]
        self.state = {}

    def zero_grad(self, set_to_none=True):
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is None:
                    continue
                if set_to_none:
                    p.grad = None
                else:
                    p.grad.detach_()
                    p.grad.zero_()

    @torch.no_grad()
    def step(self, closure=None):
        loss = None
        if closure is not None:
            with torch.enable_grad():
                loss = closure()
        for group in self.param_groups:
            for p in group["params"]:
                if p.grad is not None:
                    p.add_(p.grad, alpha=-group["lr"])
        return loss


def _logged(events, name, method, returned=None):
    """Log `name` when the method is called and `returned` (if given) when it returns, so a
    backward run inside optimizer.step(closure) is seen to come before the update."""
    def wrapper(*args, **kwargs):
        events.append(name)
        result = method(*args, **kwargs)
        if returned is not None:
            events.append(returned)
        return result

    return wrapper


def train_steps(module, params, batches, lr, loss, stale_grads=None, optimizer="SGD"):
    """Call train_step once per batch on Linear -> Tanh -> Linear with the given parameters;
    optimizer is "SGD" (the stand-in above) or "torch.optim.SGD"."""
    w1, _, w2, _ = params
    model = nn.Sequential(nn.Linear(w1.shape[1], w1.shape[0]), nn.Tanh(),
                          nn.Linear(w2.shape[1], w2.shape[0]))
    with torch.no_grad():
        for p, value in zip(model.parameters(), params, strict=True):
            p.copy_(value)
    if stale_grads is not None:
        for p, grad in zip(model.parameters(), stale_grads, strict=True):
            p.grad = grad.clone()
    events = []
    optimizer_type = torch.optim.SGD if optimizer == "torch.optim.SGD" else SGD
    optimizer = optimizer_type(model.parameters(), lr=lr)
    optimizer.step = _logged(events, "step", optimizer.step, returned="step returned")
    optimizer.zero_grad = _logged(events, "zero_grad", optimizer.zero_grad)
    model.zero_grad = _logged(events, "zero_grad", model.zero_grad)
    loss_fn = _Loss(loss, events)
    calls = []
    for x, y in batches:
        start = len(events)
        seen = {"error": None, "value": None, "value_type": None}
        try:
            result = module.train_step(model, (x, y), optimizer, loss_fn)
        except Exception as exc:  # noqa: BLE001 - reported to the learner by the check
            seen["error"] = error_text(module, exc)
        else:
            seen["value_type"] = type(result).__name__
            if isinstance(result, torch.Tensor):
                seen["requires_grad"] = bool(result.requires_grad)
                if result.numel() == 1:
                    seen["value"] = float(result.detach().reshape(()).item())
            elif isinstance(result, (int, float)) and not isinstance(result, bool):
                seen["value"] = float(result)
        seen["events"] = events[start:]
        seen["params"] = [p.detach().clone() for p in model.parameters()]
        calls.append(seen)
        if seen["error"] is not None:
            break
    return calls
