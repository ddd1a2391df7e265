"""`grader hint N [--level K]`: the next hint (or level K) in the workspace's language.

The policy (next unseen level, logged; the last again once all are seen) is
``grader.actions.next_hint``'s, shared with the app.
"""

from __future__ import annotations

import argparse

from grader.commands import EXIT_OK, UsageError


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.panel import Panel

    from grader import actions
    from grader.exercise import get_exercise
    from grader.workspace import require_workspace

    workspace = require_workspace(opts)
    exercise = get_exercise(args.exercise)
    try:
        hint = actions.next_hint(workspace, exercise, level=args.level)
    except actions.ActionRefused as exc:
        raise UsageError(str(exc)) from None
    title = f"exercise {exercise.id} · hint {hint.level} of {hint.total}"
    if not hint.last:
        more = "run it again for the next hint"
    else:
        more = "the last one" if args.level is None else None
    Console(highlight=False).print(Panel(Markdown(hint.text), title=title, subtitle=more,
                                         expand=False))
    return EXIT_OK
