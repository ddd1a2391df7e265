"""A learner's workspace: a folder with grader.yaml, the exercise files and the progress log."""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from grader.config import WORKSPACE_FILE, default_yaml, load_config
from grader.exercise import Exercise
from grader.progress import ProgressLog


@dataclass
class Workspace:
    root: Path
    cfg: object

    @property
    def log(self) -> ProgressLog:
        return ProgressLog(self.root / self.cfg.PROGRESS.LOG)

    def exercise_file(self, exercise: Exercise) -> Path:
        return self.root / exercise.file_name

    def reset_to_starter(self, exercise: Exercise) -> Path | None:
        """Restore the starter after copying the learner's file beside it; logs the reset.

        Returns the backup's path (None when there was no file to keep). The CLI's `reset` and
        the app's both come here, so both keep the learner's work the same way.
        """
        target = self.exercise_file(exercise)
        backup = None
        if target.exists():
            backup = backup_path(target)
            shutil.copy2(target, backup)
        shutil.copyfile(exercise.starter, target)
        self.log.append("reset", exercise=exercise.id, backup=backup.name if backup else None)
        return backup


def write_atomically(path: Path, content: str | bytes, mode: int | None = None) -> None:
    """Replace the file in one step (a temporary file beside it, fsynced, then renamed), so a
    crash mid-write never leaves half a file. ``mode``: the file's permissions (default: those
    it had; new files 0644). Text is written as UTF-8 with its newlines as they are."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if mode is None:
            mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def backup_path(target: Path, kind: str = "") -> Path:
    """A new name beside ``target`` for a copy of what is about to be replaced, timestamped so
    that no backup overwrites another: exercise_20.py.<UTC stamp>[.kind].bak."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    return target.with_name(f"{target.name}.{stamp}{'.' + kind if kind else ''}.bak")


def find_workspace(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding grader.yaml."""
    start = start.resolve()
    for folder in [start, *start.parents]:
        if (folder / WORKSPACE_FILE).is_file():
            return folder
    return None


def default_workspace_root() -> Path:
    """Where the app makes a workspace for a learner who has none (per user, per platform)."""
    from platformdirs import user_data_path

    return user_data_path("grader", appauthor=False) / "workspace"


class WorkspaceError(Exception):
    """No workspace where one is needed; the message says how to make one."""


def require_workspace(opts: list[str] | None = None) -> Workspace:
    """The workspace at or above the current folder, or a WorkspaceError saying what to do."""
    root = find_workspace(Path.cwd())
    if root is None:
        raise WorkspaceError("no workspace here (no grader.yaml in this folder or above it); "
                             "create one with `grader init DIR`, then cd DIR")
    return open_workspace(root, opts)


def open_workspace(root: Path, opts: list[str] | None = None) -> Workspace:
    return Workspace(root, load_config(root / WORKSPACE_FILE, opts))


def init_workspace(root: Path, exercises: list[Exercise]) -> tuple[list[Path], list[Path]]:
    """Create what is missing; never touch an existing file. Returns (created, kept)."""
    root.mkdir(parents=True, exist_ok=True)
    created, kept = [], []
    wanted = [(root / WORKSPACE_FILE, default_yaml().encode("utf-8"))]
    wanted += [(root / e.file_name, e.starter.read_bytes()) for e in exercises]
    for target, content in wanted:
        try:
            # "x": exclusive create, so an existing file is never replaced, even in a race.
            with open(target, "xb") as handle:
                handle.write(content)
        except FileExistsError:
            kept.append(target)
            continue
        created.append(target)
    return created, kept
