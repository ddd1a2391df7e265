"""Runs in the worker: tensors arrive contiguous, so non-contiguous inputs are made here."""

import torch


def non_contiguous_input(module, x, how):
    """Call flatten_features on a non-contiguous version of x; `how` is the code that makes it."""
    if how == "x.transpose(-2, -1)":
        x = x.transpose(-2, -1)
    elif how == "x[..., ::2]":
        x = x[..., ::2]
    elif how.startswith("x.permute"):
        x = x.permute(*reversed(range(x.dim())))
    elif how == "x.contiguous(memory_format=torch.channels_last)":
        x = x.contiguous(memory_format=torch.channels_last)
    return {"result": module.flatten_features(x), "input_contiguous": x.is_contiguous()}
