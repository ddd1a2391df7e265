"""`grader init [DIR]`: a workspace with the starter files; never overwrites a file."""

from __future__ import annotations

import argparse

from grader.commands import EXIT_OK, UsageError


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.config import load_config
    from grader.exercise import all_exercises
    from grader.workspace import init_workspace

    load_config(None, opts)  # a bad --set is reported before anything is written
    root = args.directory
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} exists and is not a folder")
    created, kept = init_workspace(root, list(all_exercises().values()))
    print(f"workspace: {root.resolve()}")
    print(f"  created {len(created)} file(s)" + (f", kept {len(kept)} existing" if kept else ""))
    print("next: run `grader list`, open exercise_20.py, write drop_keys, then run: "
          "grader check exercise_20.py")
    return EXIT_OK
