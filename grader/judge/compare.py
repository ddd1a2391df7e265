"""Comparisons that fail with the learner's words: type, then shape and dtype, then values.

Nothing broadcasts: a ``[C]`` result never equals a ``[1, C]`` one. Tensors are compared with
explicit tolerances and the first differing index is named.
"""

from __future__ import annotations

import sys
from typing import Any

from grader.judge.describe import describe
from grader.judge.submission import CheckFailed
from grader.wire import Opaque


def fail(message: str, *, expected: Any = None, got: Any = None) -> None:
    """Fail the check; a ``str`` for expected/got is shown as written, other values described."""
    raise CheckFailed(message, expected=_shown(expected), got=_shown(got))


def _shown(value: Any) -> str | None:
    if value is None or isinstance(value, str):
        return value
    return describe(value)


def expect(condition: bool, message: str, *, expected: Any = None, got: Any = None) -> None:
    if not condition:
        fail(message, expected=expected, got=got)


def expect_type(got: Any, expected_type: type | tuple[type, ...], what: str = "the result") -> None:
    if isinstance(got, Opaque):
        names = _type_names(expected_type)
        fail(f"{what} should be {names}, but it is a {got.type_name} object", got=got)
    if not isinstance(got, expected_type):
        names = _type_names(expected_type)
        fail(f"{what} should be {names}, but it is {type(got).__name__}", got=got)


def _type_names(expected_type: type | tuple[type, ...]) -> str:
    types = expected_type if isinstance(expected_type, tuple) else (expected_type,)
    return " or ".join(f"a {t.__name__}" for t in types)


def expect_equal(got: Any, expected: Any, what: str = "the result", *,
                 ordered: bool = True) -> None:
    """Exact equality for plain data; dicts also compare key order unless ``ordered=False``."""
    torch = sys.modules.get("torch")
    if torch is not None and isinstance(expected, torch.Tensor):
        expect_close(got, expected, what, rtol=0, atol=0)
        return
    expect_type(got, type(expected), what)
    if got != expected:
        fail(f"{what} is not what was expected", expected=expected, got=got)
    if ordered and isinstance(expected, dict) and list(got) != list(expected):
        fail(f"{what} has the right keys in the wrong order", expected=list(expected),
             got=list(got))


def expect_close(got: Any, expected: Any, what: str = "the result", *,
                 rtol: float = 1e-5, atol: float = 1e-6, check_dtype: bool = True) -> None:
    import torch

    if not isinstance(got, torch.Tensor):
        expect_type(got, torch.Tensor, what)
    if tuple(got.shape) != tuple(expected.shape):
        fail(f"{what} has shape {list(got.shape)}, expected {list(expected.shape)}",
             expected=expected, got=got)
    if check_dtype and got.dtype != expected.dtype:
        fail(f"{what} has dtype {got.dtype}, expected {expected.dtype}",
             expected=expected, got=got)
    if expected.numel() == 0:
        return
    g = got.detach().to(torch.float64) if got.is_floating_point() else got.detach()
    e = expected.detach().to(g.dtype)
    if g.is_floating_point():
        close = torch.isclose(g, e, rtol=rtol, atol=atol, equal_nan=True)
    else:
        close = g == e
    if bool(close.all()):
        return
    bad = (~close).nonzero()[0].tolist()
    index = tuple(bad)
    fail(f"{what} differs at index {list(index)}: got {_scalar(g[index])}, "
         f"expected {_scalar(e[index])}", expected=expected, got=got)


def _scalar(value: Any) -> str:
    item = value.item()
    return f"{item:.6g}" if isinstance(item, float) else repr(item)
