"""The ``@check`` decorator: a property of the exercise, named for the promise it tests.

Strategies are given to ``@check`` itself (not to ``@given``) so the runner can build a fresh
hypothesis test with its own settings and seed on every run; ``@example`` works as usual
underneath it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CheckSpec:
    name: str
    function: Callable[..., Any]
    strategies: dict[str, Any] = field(default_factory=dict)
    max_examples: int | None = None  # None: the configured default


def check(name: str, *, max_examples: int | None = None, **strategies: Any) -> Callable:
    """Mark ``fn(sub, **drawn)`` as a check; keyword arguments are hypothesis strategies."""

    def mark(fn: Callable) -> Callable:
        fn._grader_check = CheckSpec(name, fn, strategies, max_examples)
        return fn

    return mark


def collect_checks(namespace: dict[str, Any]) -> list[CheckSpec]:
    """The checks a checks module defines, in the order they appear."""
    return [value._grader_check for value in namespace.values()
            if callable(value) and hasattr(value, "_grader_check")]
