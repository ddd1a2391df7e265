"""`grader` (no command) and `grader tui`: open the practice app in this workspace."""

from __future__ import annotations

import argparse

from grader.workspace import require_workspace


def run(args: argparse.Namespace, opts: list[str]) -> int:
    workspace = require_workspace(opts)
    # The one place grader reaches for the app, lazily: the engine never depends on tui.
    from tui import run as run_app

    return run_app(workspace.root, opts)
