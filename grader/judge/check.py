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

    def property_test(self, max_examples: int, seed: int,
                      body: Callable[..., Any] | None = None) -> Callable[[Any], None]:
        """The hypothesis test for this check, called with the submission handle.

        Explicit settings, so CI=true or a user profile cannot change what runs. ``body``
        stands in for the check's function (it must take the same arguments).
        """
        import hypothesis
        from hypothesis import HealthCheck, Phase, Verbosity, given, settings

        test = settings(
            max_examples=max_examples,
            database=None, deadline=None, derandomize=False, print_blob=False,
            report_multiple_bugs=False, verbosity=Verbosity.quiet,
            suppress_health_check=list(HealthCheck),
            phases=(Phase.explicit, Phase.generate, Phase.shrink),
        )(given(**self.strategies)(body or self.function))
        return hypothesis.seed(seed)(test)


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
