"""Runs in the worker: a model that records how it is called, and a loader of given batches.

The model looks up its logits in a table sent by the checks: column 0 of each input row holds
the sample's index. At every forward it records whether gradient tracking was on and whether it
and its submodule were in training mode.
"""

import torch
from torch import nn

from grader.sandbox.probekit import error_text


class _Head(nn.Module):
    """A submodule, so that "eval mode" can be seen to reach the whole model."""

    def forward(self, x):
        return x


class _TableModel(nn.Module):
    def __init__(self, logits):
        super().__init__()
        self.scale = nn.Parameter(torch.ones(()))  # outputs require grad unless it is off
        self.head = _Head()
        self.register_buffer("table", logits)
        self.calls = []

    def forward(self, x):
        self.calls.append({
            "grad_enabled": torch.is_grad_enabled(),
            "training": self.training,
            "head_training": self.head.training,
            "size": int(x.shape[0]),
        })
        return self.head(self.table[x[:, 0].long()] * self.scale)


class OnePassLoader:
    """A loader that behaves like a generator: iter() gives back the same iterator, so a
    second pass finds it used up. Counts the passes (calls of iter())."""

    def __init__(self, batches):
        self._batches = iter(batches)
        self.passes = 0

    def __iter__(self):
        self.passes += 1
        return self

    def __next__(self):
        return next(self._batches)


def _inputs(n, features):
    x = torch.full((n, features), 0.5)
    x[:, 0] = torch.arange(n, dtype=x.dtype)
    return x


def evaluate_on(module, logits, labels, batch_sizes, features, loader, start_training):
    """Run evaluate on a list of (x, y) batches of the given sizes (or a DataLoader with
    batch_size = batch_sizes[0], or a one-pass "generator" of the batches) and report what the
    model saw."""
    model = _TableModel(logits)
    model.train(start_training)
    x = _inputs(labels.shape[0], features)
    if loader == "DataLoader":
        from torch.utils.data import DataLoader, TensorDataset

        data = DataLoader(TensorDataset(x, labels), batch_size=batch_sizes[0])
    else:
        data, start = [], 0
        for size in batch_sizes:
            data.append((x[start:start + size], labels[start:start + size]))
            start += size
        if loader == "generator":
            data = OnePassLoader(data)
    torch.set_grad_enabled(True)
    seen = {"raised": None, "raised_mro": [], "value": None, "value_type": None}
    try:
        result = module.evaluate(model, data)
    except Exception as exc:  # noqa: BLE001 - reported to the learner by the check
        seen["raised"] = error_text(module, exc)
        seen["raised_mro"] = [c.__name__ for c in type(exc).__mro__]
    else:
        seen["value_type"] = type(result).__name__
        if isinstance(result, (bool, int, float)):
            seen["value"] = float(result)
        elif isinstance(result, torch.Tensor) and result.numel() == 1:
            seen["value"] = float(result.detach().reshape(()).item())
    seen["calls"] = model.calls
    seen["loader_passes"] = data.passes if isinstance(data, OnePassLoader) else None
    seen["grad_enabled_after"] = torch.is_grad_enabled()
    seen["training_after"] = model.training
    seen["head_training_after"] = model.head.training
    torch.set_grad_enabled(True)
    return seen
