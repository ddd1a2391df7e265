"""The gradebook: ``NAME/gradebook.jsonl``, one JSON record per graded (student, exercise,
submission). Append-only with the progress log's crash-safety (``grader.progress``: a file
lock, flush and fsync per record, a torn or corrupt line skipped with a warning on reading),
so a grading run killed at any moment loses no finished record."""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from grader.progress import ProgressLog, ProgressLogError

GRADE_EVENT = "grade"


class GradebookError(Exception):
    """The gradebook cannot be read or written; the message says which and why."""


def append_record(path: Path, **fields: Any) -> dict[str, Any]:
    """Append one "grade" record (fsynced before it returns); returns it as written."""
    if path.is_dir():
        raise GradebookError(f"the gradebook {path} is a folder; move it away")
    try:
        return ProgressLog(path).append(GRADE_EVENT, **fields)
    except ProgressLogError as exc:
        reason = str(exc).rsplit(": ", 1)[-1]
        raise GradebookError(f"cannot write the gradebook {path}: {reason}") from None


def read_gradebook(path: Path, warn: Callable[[str], None] | None = None) -> list[dict]:
    """Every grade record in file order; a torn or corrupt line is skipped with a warning
    (to stderr unless ``warn`` is given) and the file is never rewritten."""
    def to_stderr(message: str) -> None:
        print(f"grader: warning: {message.replace('progress record', 'gradebook record')}",
              file=sys.stderr)

    try:
        records = ProgressLog(path).read(warn or to_stderr)
    except ProgressLogError as exc:
        reason = str(exc).rsplit(": ", 1)[-1]
        raise GradebookError(f"cannot read the gradebook {path}: {reason}") from None
    return [r for r in records if r.get("event") == GRADE_EVENT]


def latest_records(records: Iterable[dict]) -> dict[tuple[str, str], dict]:
    """(student, exercise) -> the newest record for it (the last one appended)."""
    latest: dict[tuple[str, str], dict] = {}
    for record in records:
        key = (str(record.get("student")), str(record.get("exercise")))
        latest[key] = record
    return latest


def record_key(record: dict) -> tuple:
    """What makes a grade the same grade: a re-run skips a pair whose latest record has it."""
    return (record.get("student"), record.get("exercise"), record.get("sha256"),
            record.get("grader_version"), record.get("seed"))
