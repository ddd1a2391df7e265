"""`grader solution N [--force]`: the reference, once the learner has passed (as rustlings);
after a pass, the exercise's other correct solutions too. Gating is ``grader.actions``'."""

from __future__ import annotations

import argparse

from grader.commands import EXIT_FAILED, EXIT_OK


def run(args: argparse.Namespace, opts: list[str]) -> int:
    import sys

    from rich.console import Console
    from rich.syntax import Syntax

    from grader import actions
    from grader.exercise import get_exercise
    from grader.workspace import require_workspace

    workspace = require_workspace(opts)
    exercise = get_exercise(args.exercise)
    try:
        shown = actions.solution(workspace, exercise, force=args.force)
    except actions.NotSolvedYet as exc:
        print(f"grader: {exc}", file=sys.stderr)
        return EXIT_FAILED
    console = Console(highlight=False)
    console.print(f"[bold]exercise {exercise.id} · a reference solution[/]")
    console.print(Syntax(shown.reference, "python", line_numbers=True))
    if shown.alternatives:
        console.print(f"\n[bold]other ways to write it[/] ({len(shown.alternatives)})")
        for name, source in shown.alternatives:
            console.print(f"\n[bold]{name}[/]")
            console.print(Syntax(source, "python", line_numbers=True))
    return EXIT_OK
