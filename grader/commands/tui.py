"""`grader` (no command) and `grader tui`: open the practice app in this workspace.

With no workspace here, a learner at a terminal is offered one in the per-user data folder
(platformdirs), created once and reopened from anywhere after that.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grader.workspace import (
    Workspace,
    WorkspaceError,
    default_workspace_root,
    find_workspace,
    init_workspace,
    open_workspace,
)


def run(args: argparse.Namespace, opts: list[str]) -> int:
    workspace = _workspace_to_open(opts)
    if workspace is None:
        print("nothing created; `grader init DIR` makes a workspace wherever you like")
        return 0
    # The one place grader reaches for the app, lazily: the engine never depends on tui.
    from tui import run as run_app

    return run_app(workspace.root, opts)


def _workspace_to_open(opts: list[str]) -> Workspace | None:
    here = find_workspace(Path.cwd())
    if here is not None:
        return open_workspace(here, opts)
    default = default_workspace_root()
    if find_workspace(default) == default:
        print(f"no workspace in this folder; opening yours at {default}")
        return open_workspace(default, opts)
    if not (sys.stdin.isatty() and sys.stdout.isatty()):
        raise WorkspaceError("no workspace here (no grader.yaml in this folder or above it); "
                             "create one with `grader init DIR`, then cd DIR")
    answer = input(f"No workspace here. Create one at {default}? [Y/n] ").strip().lower()
    if answer not in ("", "y", "yes"):
        return None
    from grader.exercise import all_exercises

    created, _ = init_workspace(default, list(all_exercises().values()))
    print(f"created {default} with {len(created) - 1} exercises")
    return open_workspace(default, opts)
