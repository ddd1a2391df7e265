"""Short, learner-readable text for values and calls (tensors summarised, long reprs cut)."""

from __future__ import annotations

import sys
from typing import Any

from grader.wire import OneShot, Opaque

MAX_TEXT = 300


def describe(value: Any, limit: int = MAX_TEXT) -> str:
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(value, torch.Tensor):
        return describe_tensor(value)
    if isinstance(value, Opaque):
        return f"a {value.type_name} object"
    if isinstance(value, OneShot):
        text = f"iter({value.items!r})"
    else:
        text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe_tensor(tensor: Any, limit: int = 6) -> str:
    dtype = str(tensor.dtype).removeprefix("torch.")
    shape = list(tensor.shape)
    head = f"tensor {dtype} shape {shape}"
    if tensor.numel() == 0:
        return head + " (empty)"
    values = tensor.detach().reshape(-1)[:limit].tolist()
    shown = ", ".join(_number(v) for v in values)
    more = ", …" if tensor.numel() > limit else ""
    return f"{head} [{shown}{more}]"


def _number(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.4g}"
    return repr(value)


def describe_call(func: str, args: tuple, kwargs: dict, *, probe: bool = False) -> str:
    parts = [describe(a, 120) for a in args]
    parts += [f"{k}={describe(v, 120)}" for k, v in kwargs.items()]
    if probe:
        # Probes are named for what they try; show them as a scenario, not a function.
        return f"{func.replace('_', ' ')}({', '.join(parts)})"
    return f"{func}({', '.join(parts)})"
