"""Writing an export's files: everything is rendered in memory first, so bad input writes
nothing; each file then lands whole (temp file + rename), world-readable."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from pathlib import Path

from grader.workspace import write_atomically

_UNSAFE = re.compile(r"[\x00-\x1f/\\:*?\"<>|]")


class ExportError(Exception):
    """An export cannot be written (unwritable folder, clashing file names); one clear line."""


def student_stem(student_id: str) -> str:
    """A file name for a student id that cannot leave the export folder (no separators, no
    leading dot); letters of any script are kept, so ``张伟`` stays ``张伟``."""
    stem = _UNSAFE.sub("_", student_id).strip()
    if not stem or stem.startswith("."):
        stem = "_" + stem
    return stem


def student_stems(student_ids: list[str]) -> dict[str, str]:
    """Each student's file stem; two ids that would share a file are an error, not a loss."""
    stems: dict[str, str] = {}
    owners: dict[str, str] = {}
    for student_id in student_ids:
        stem = student_stem(student_id)
        if stem.casefold() in owners:
            raise ExportError(f"students {owners[stem.casefold()]!r} and {student_id!r} would "
                              f"write the same file {stem!r}; rename one in the roster")
        owners[stem.casefold()] = student_id
        stems[student_id] = stem
    return stems


def write_files(out: Path, files: dict[str, bytes]) -> list[Path]:
    """Write ``files`` (relative path -> bytes) under ``out``; returns the paths written."""
    written = []
    try:
        for relative, content in files.items():
            path = out / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomically(path, content, mode=0o644)  # world-readable: for the class
            written.append(path)
    except OSError as exc:
        where = exc.filename or out
        raise ExportError(f"cannot write {where}: {exc.strerror}") from None
    return written


def json_per_student(student_ids: list[str],
                     results_json: Callable[[str], dict]) -> dict[str, bytes]:
    """``<student>/results.json`` for each student, the way graders' harnesses lay them out."""
    stems = student_stems(student_ids)
    return {f"{stems[sid]}/results.json":
            (json.dumps(results_json(sid), ensure_ascii=False, indent=2) + "\n").encode("utf-8")
            for sid in student_ids}
