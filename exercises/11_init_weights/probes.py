"""Runs in the worker: build a model, give every parameter "trained" values, call
model.apply(init_weights) and report what happened to each layer's parameters.

Layers are described by the text that builds them, e.g. "nn.Linear(64, 80)".
"""

import torch
from torch import nn

from grader.sandbox.probekit import error_text


def _layer(spec):
    """A layer from its description, e.g. "nn.Linear(64, 80, bias=False)"."""
    return eval(spec, {"__builtins__": {}}, {"nn": nn})  # noqa: S307 - the checks' own text


class _Net(nn.Module):
    """Layers spread over nested containers, with parameter-free modules in between, as in a
    real model: apply() must reach all of them."""

    def __init__(self, layers):
        super().__init__()
        half = (len(layers) + 1) // 2
        self.stem = nn.Sequential(*layers[:half], nn.ReLU())
        self.blocks = nn.ModuleList(nn.Sequential(layer, nn.Dropout(0.1))
                                    for layer in layers[half:])


def apply_init_weights_to(module, layers, seed, report_before=False):
    """Build the model, set every parameter to N(0.25, 0.5) values (so "left alone" and
    "re-initialised" can be told apart), seed the global RNG, apply init_weights, report."""
    built = [_layer(spec) for spec in layers]
    model = _Net(built)
    g = torch.Generator().manual_seed(seed + 1)
    with torch.no_grad():
        for p in model.parameters():
            p.copy_(torch.randn(p.shape, generator=g) * 0.5 + 0.25)
    objects = [dict(layer._parameters) for layer in built]
    before = [{name: p.detach().clone() for name, p in params.items() if p is not None}
              for params in objects]
    torch.manual_seed(seed)
    try:
        model.apply(module.init_weights)
    except Exception as exc:  # noqa: BLE001 - reported to the learner by the check
        return {"error": error_text(module, exc)}
    report = []
    for spec, layer, params, old in zip(layers, built, objects, before, strict=True):
        seen = {"label": spec, "kind": type(layer).__name__, "params": {}}
        for name, p in params.items():
            if p is None:
                continue
            now = getattr(layer, name, None)
            entry = {
                "same": now is p,
                "is_parameter": isinstance(now, nn.Parameter),
                "in_model": any(q is now for q in model.parameters()),
            }
            if isinstance(now, torch.Tensor):
                now = now.detach()
                entry["after"] = now.clone()
                entry["unchanged"] = now.shape == old[name].shape and bool(
                    torch.equal(now, old[name]))
            else:
                entry["after"] = None
                entry["unchanged"] = False
                entry["type"] = type(now).__name__
            if report_before:
                entry["before"] = old[name]
            seen["params"][name] = entry
        report.append(seen)
    return {"layers": report}
