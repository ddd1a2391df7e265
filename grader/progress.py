"""The progress log: one versioned JSON object per line, append-only, never rewritten.

Appends hold a file lock and are flushed and fsynced, so concurrent writers (the TUI and
`grader watch`) never interleave bytes. Reading skips a torn or corrupt line with a warning
naming its line number and keeps every other record.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from filelock import FileLock

from grader.verdict import Verdict

SCHEMA_VERSION = 1


class ProgressLogError(Exception):
    """The log cannot be used (a directory, unreadable, unwritable); the message says which."""


@dataclass
class ProgressLog:
    path: Path

    def append(self, event: str, **fields: Any) -> dict[str, Any]:
        record = {"v": SCHEMA_VERSION, "event": event,
                  "at": datetime.now(UTC).isoformat(timespec="milliseconds"), **fields}
        line = (json.dumps(record, ensure_ascii=False) + "\n").encode("utf-8")
        if self.path.is_dir():
            raise ProgressLogError(f"the progress log {self.path} is a directory; "
                                   "move it away or set PROGRESS.LOG in grader.yaml")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with FileLock(str(self.path) + ".lock"):
                fd = os.open(self.path, os.O_RDWR | os.O_APPEND | os.O_CREAT, 0o644)
                try:
                    if _ends_without_newline(fd):
                        line = b"\n" + line  # a torn last line stays alone on its line
                    os.write(fd, line)
                    os.fsync(fd)
                finally:
                    os.close(fd)
        except OSError as exc:
            raise ProgressLogError(f"cannot write the progress log {self.path}: "
                                   f"{exc.strerror}") from None
        return record

    def read(self, warn: Callable[[str], None] | None = None) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        if self.path.is_dir():
            raise ProgressLogError(f"the progress log {self.path} is a directory")
        try:
            raw = self.path.read_bytes()
        except OSError as exc:
            raise ProgressLogError(f"cannot read the progress log {self.path}: "
                                   f"{exc.strerror}") from None
        records = []
        for number, line in enumerate(raw.split(b"\n"), start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line.decode("utf-8"))
            except (UnicodeDecodeError, json.JSONDecodeError):
                record = None
            if not isinstance(record, dict) or "event" not in record:
                if warn is not None:
                    warn(f"{self.path}, line {number}: not a progress record, skipped")
                continue
            records.append(record)
        return records


def check_record(verdict: Verdict) -> dict[str, Any]:
    """The fields of a "check" event; the CLI and the app log exactly the same record."""
    return {
        "exercise": verdict.exercise_id, "status": verdict.status,
        "checks": {c.name: c.status for c in verdict.checks},
        "duration_s": round(verdict.duration_s, 3), "sha256": verdict.submission_sha256,
        "seed": verdict.seed, "grader_version": verdict.grader_version,
        "hypothesis_version": verdict.hypothesis_version,
    }


def _ends_without_newline(fd: int) -> bool:
    size = os.fstat(fd).st_size
    if size == 0:
        return False
    return os.pread(fd, 1, size - 1) != b"\n"
