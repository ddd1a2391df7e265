"""Shared set-up for the classroom tests: world-readable temp folders (the sandbox's
unprivileged user must read them), small assignments, and a pool task that kills its process."""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from grader.classroom.assignment import assignment_yaml

QUICK = ["CHECK.MAX_EXAMPLES", "25", "CHECK.CALL_TIMEOUT", "1.0", "CHECK.IMPORT_TIMEOUT", "3.0"]


@contextmanager
def world_readable_dir() -> Iterator[Path]:
    """A temp folder anyone may read (pytest's /tmp/pytest-of-root is private to root)."""
    folder = Path(tempfile.mkdtemp(prefix="grader-class-test-"))
    os.chmod(folder, 0o755)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def make_assignment(folder: Path, exercises: list[str], *, points: list[float] | None = None,
                    extra: str = "") -> Path:
    """Write folder/assignment.yaml; ``extra`` YAML replaces whole sections appended after."""
    folder.mkdir(parents=True, exist_ok=True)
    text = assignment_yaml(folder.name, exercises, points or [10.0] * len(exercises), None)
    (folder / "assignment.yaml").write_text(text + extra, encoding="utf-8")
    return folder


def die_for_student_x(checker, task, cfg):
    """A pool task that kills its own process for student "x" (as a crashing supervisor
    would), and grades everyone else normally."""
    if task.student_id == "x":
        os._exit(3)
    from grader.classroom.grading import grade_with_checker

    return grade_with_checker(checker, task, cfg)


def disturbed_once_for_student_z(checker, task, cfg):
    """The first grade of student "z" comes back as if a neighbour's fork bomb had starved its
    worker; later grades are real (a marker file beside the submissions remembers)."""
    from grader.classroom.grading import grade_with_checker
    from grader.verdict import Verdict

    marker = task.grading_path.parent / "z-was-disturbed"
    if task.student_id == "z" and not marker.exists():
        marker.write_text("once", encoding="utf-8")
        return Verdict(task.exercise_id, "exercise_20.py", "error", error_kind="crash",
                       message="the process importing exercise_20.py ended (killed by "
                               "SIGKILL) before reporting back")
    return grade_with_checker(checker, task, cfg)
