"""`grader solution N [--force]`: the reference, once the learner has passed (as rustlings)."""

from __future__ import annotations

import argparse

from grader.commands import EXIT_FAILED, EXIT_OK


def run(args: argparse.Namespace, opts: list[str]) -> int:
    import sys

    from rich.console import Console
    from rich.syntax import Syntax

    from grader.exercise import get_exercise
    from grader.learner import exercise_progress
    from grader.workspace import require_workspace

    workspace = require_workspace(opts)
    exercise = get_exercise(args.exercise)
    entry = exercise_progress(workspace.log.read()).get(exercise.id)
    passed = bool(entry and entry.ever_passed)
    if not passed and not args.force:
        print(f"grader: exercise {exercise.id} is not solved yet; solve it first (try "
              f"`grader hint {exercise.id}`), or add --force to see the solution anyway",
              file=sys.stderr)
        return EXIT_FAILED
    workspace.log.append("solution", exercise=exercise.id, forced=not passed)
    source = exercise.reference.read_text(encoding="utf-8")
    console = Console(highlight=False)
    console.print(f"[bold]exercise {exercise.id} · a reference solution[/]")
    console.print(Syntax(source, "python", line_numbers=True))
    return EXIT_OK
