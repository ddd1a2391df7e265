"""`grader hint N [--level K]`: the next hint (or level K) in the workspace's language."""

from __future__ import annotations

import argparse

from grader.commands import EXIT_OK, UsageError

LEVELS = 3


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from rich.console import Console
    from rich.markdown import Markdown
    from rich.panel import Panel

    from grader.exercise import get_exercise
    from grader.learner import exercise_progress
    from grader.workspace import require_workspace

    workspace = require_workspace(opts)
    exercise = get_exercise(args.exercise)
    seen = exercise_progress(workspace.log.read()).get(exercise.id)
    if args.level is not None:
        if not 1 <= args.level <= LEVELS:
            raise UsageError(f"--level must be between 1 and {LEVELS}")
        level = args.level
    else:
        level = min((seen.hints_used if seen else 0) + 1, LEVELS)
    lang = workspace.cfg.UI.LANG
    text = exercise.hints[lang][level - 1]
    workspace.log.append("hint", exercise=exercise.id, level=level)
    title = f"exercise {exercise.id} · hint {level} of {LEVELS}"
    more = "" if level == LEVELS else "  (run it again for the next hint)"
    Console(highlight=False).print(Panel(Markdown(text), title=title, subtitle=more or None,
                                         expand=False))
    return EXIT_OK
