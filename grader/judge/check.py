"""The ``@check`` decorator: a property of the exercise, named for the promise it tests.

Strategies are given to ``@check`` itself (not to ``@given``) so the runner can build a fresh
hypothesis test with its own settings and seed on every run; ``@example`` works as usual
underneath it.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
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

        _grading_setup()
        test = settings(
            max_examples=max_examples,
            database=None, deadline=None, derandomize=False, print_blob=False,
            report_multiple_bugs=False, verbosity=Verbosity.quiet,
            suppress_health_check=list(HealthCheck),
            phases=(Phase.explicit, Phase.generate, Phase.shrink),
        )(given(**self.strategies)(body or self.function))
        return hypothesis.seed(seed)(test)


@functools.cache
def _grading_setup() -> None:
    """Once per process, before the first hypothesis test: the same examples everywhere."""
    _private_storage()
    _without_local_constants()


def _private_storage() -> None:
    """Keep hypothesis' caches out of the current folder.

    By default they live in ``./.hypothesis``: in a learner's workspace or a student's
    repository, where whoever can write the folder could plant the Unicode charmap that
    ``st.text()`` draws from and narrow what the checks try. Ours live in the user's own
    cache folder; where that cannot be written (a read-only home), in a folder of this user's
    in the temporary folder; each only if it is ours and nobody else can write it."""
    import tempfile

    from hypothesis.configuration import set_hypothesis_home_dir
    from platformdirs import user_cache_path

    for folder in (user_cache_path("grader", appauthor=False) / "hypothesis",
                   Path(tempfile.gettempdir()) / f"grader-hypothesis-{os.getuid()}"):
        try:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            status = folder.lstat()
        except OSError:
            continue
        if (folder.is_dir() and not folder.is_symlink() and status.st_uid == os.getuid()
                and not status.st_mode & 0o022 and os.access(folder, os.W_OK)):
            break
    else:
        folder = Path(tempfile.mkdtemp(prefix="grader-hypothesis-"))
    set_hypothesis_home_dir(folder)


def _without_local_constants() -> None:
    """Keep hypothesis from drawing constants it finds in the source of "local" modules.

    Since 6.131 it sometimes draws a constant read from any loaded module that lives outside
    site-packages (grader itself when installed editable, every exercise's checks loaded so
    far), parsed within a 100 ms budget. What a check draws would then depend on what else the
    process has loaded (a check server that graded other exercises, ``check --all``, an
    editable install) and even on how busy the machine is. The same file and seed must get
    the same examples everywhere, so that pool stays empty; hypothesis' own constants (0, 1,
    -1, the bounds) are unaffected. Nothing to do on versions without the feature."""
    try:
        from hypothesis.internal.conjecture import providers
        from hypothesis.internal.constants_ast import Constants
    except ImportError:
        return
    if not hasattr(providers, "_get_local_constants"):
        return
    empty = Constants()
    providers._get_local_constants = lambda *args, **kwargs: empty


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
