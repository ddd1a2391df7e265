"""The Textual practice app; a client of the engine's public API, like the CLI."""

from __future__ import annotations

from pathlib import Path


def run(workspace_root: Path, opts: list[str] | None = None) -> int:
    """Open the app on a workspace and return the exit status once the learner leaves."""
    from tui.app import GraderApp  # Textual loads only when the app is really opened

    app = GraderApp(workspace_root, opts)
    app.run()
    return app.return_code or 0  # 1 when the app crashed, so scripts can tell
