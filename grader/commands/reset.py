"""`grader reset N [--yes]`: restore the starter, after saving the learner's file beside it."""

from __future__ import annotations

import argparse
import sys

from grader.commands import EXIT_FAILED, EXIT_OK


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader import actions
    from grader.exercise import get_exercise
    from grader.workspace import require_workspace

    workspace = require_workspace(opts)
    exercise = get_exercise(args.exercise)
    target = workspace.exercise_file(exercise)
    if not args.yes:
        if not sys.stdin.isatty():
            print("grader: reset needs confirmation; run it in a terminal or add --yes",
                  file=sys.stderr)
            return EXIT_FAILED
        answer = input(f"Reset {target.name} to the starter? Your file is saved beside it "
                       "first. [y/N] ")
        if answer.strip().lower() not in ("y", "yes"):
            print("nothing changed")
            return EXIT_OK
    try:
        backup = actions.reset(workspace, exercise)
    except actions.ActionRefused as exc:
        print(f"grader: {exc}", file=sys.stderr)
        return EXIT_FAILED
    print(f"{target.name} is the starter again" + (f"; your version is in {backup.name}"
                                                    if backup else ""))
    return EXIT_OK
