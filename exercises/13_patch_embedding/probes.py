"""Runs in the worker: build the learner's PatchEmbedding and report it as plain data."""

import torch
from torch import nn

from grader.sandbox.probekit import error_text

NAMES = ("cls_token", "pos_embedding")


def _build(module, num_patches, dim, seed):
    torch.manual_seed(seed)
    return module.PatchEmbedding(num_patches, dim)


def _attribute(model, name):
    value = getattr(model, name, None)
    seen = {"type": type(value).__name__, "shape": None, "is_parameter": False,
            "in_parameters": False, "in_buffers": False, "requires_grad": False, "value": None}
    if isinstance(value, torch.Tensor):
        seen["shape"] = list(value.shape)
        seen["is_parameter"] = isinstance(value, nn.Parameter)
        seen["in_parameters"] = any(p is value for p in model.parameters())
        seen["in_buffers"] = any(b is value for b in model.buffers())
        seen["requires_grad"] = bool(value.requires_grad)
        seen["value"] = value.detach().clone()
    return seen


def describe(module, num_patches, dim, seed):
    """The module's registered parameters and the two attributes the exercise names."""
    model = _build(module, num_patches, dim, seed)
    if not isinstance(model, nn.Module):
        return {"module_type": type(model).__name__, "is_module": False}
    return {
        "module_type": type(model).__name__,
        "is_module": True,
        "parameters": [[name, list(p.shape)] for name, p in model.named_parameters()],
        "buffers": [name for name, _ in model.named_buffers()],
        "attributes": {name: _attribute(model, name) for name in NAMES},
    }


def inputs(shapes, seed):
    """The inputs, built as the checks build them (same generator, same order)."""
    g = torch.Generator().manual_seed(seed)
    return [torch.randn(shape, generator=g) for shape in shapes]


def forward_batches(module, num_patches, dim, seed, x_shapes):
    """Build once, run forward on an input of each shape; report the parameters and each
    output."""
    model = _build(module, num_patches, dim, seed)
    seen = {"attributes": {name: _attribute(model, name) for name in NAMES}, "outputs": []}
    for x in inputs(x_shapes, seed + 2):
        try:
            y = model(x)
        except Exception as exc:  # noqa: BLE001 - reported to the learner by the check
            seen["outputs"].append({"error": error_text(module, exc)})
            continue
        if isinstance(y, torch.Tensor):
            seen["outputs"].append({"value": y.detach().clone()})
        else:
            seen["outputs"].append({"error": f"forward returned a {type(y).__name__}, "
                                             "not a tensor"})
    return seen


def backward_once(module, num_patches, dim, seed, x, upstream):
    """forward(x), then (out * upstream).sum().backward(); report each parameter's .grad."""
    model = _build(module, num_patches, dim, seed)
    seen = {"attributes": {name: _attribute(model, name) for name in NAMES}, "grads": {}}
    try:
        y = model(x)
        if tuple(y.shape) != tuple(upstream.shape):
            seen["error"] = f"forward returned shape {list(y.shape)}"
            return seen
        (y * upstream).sum().backward()
    except Exception as exc:  # noqa: BLE001 - reported to the learner by the check
        seen["error"] = error_text(module, exc)
        return seen
    for name in NAMES:
        value = getattr(model, name, None)
        grad = value.grad if isinstance(value, torch.Tensor) else None
        seen["grads"][name] = None if grad is None else grad.detach().clone()
    return seen
