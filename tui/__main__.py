"""``python -m tui``: open the app on the workspace at or above the current folder."""

from __future__ import annotations

import sys
from pathlib import Path

from grader.config import ConfigError
from grader.exercise import ExerciseError
from grader.progress import ProgressLogError
from grader.workspace import find_workspace
from tui import run

EXIT_USAGE = 2


def main() -> int:
    root = find_workspace(Path.cwd())
    if root is None:
        print("grader: no workspace here (no grader.yaml in this folder or above it).\n"
              "Create one with `grader init DIR`, then cd DIR and run `grader` again.",
              file=sys.stderr)
        return EXIT_USAGE
    try:
        return run(root)
    except (ConfigError, ExerciseError, ProgressLogError) as exc:
        print(f"grader: {exc}", file=sys.stderr)
        return EXIT_USAGE


if __name__ == "__main__":
    sys.exit(main())
