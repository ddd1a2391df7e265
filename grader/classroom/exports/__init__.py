"""Exports of an assignment's gradebook: one module per format, each with
``render(standings, now) -> {relative path: bytes}``; :func:`export` writes one format."""

from __future__ import annotations

import importlib
from datetime import UTC, datetime
from pathlib import Path

from grader.classroom.exports.files import ExportError, write_files
from grader.classroom.exports.standings import ClassStandings

# format name -> module in this package
FORMATS = {"csv": "csv_grades", "gradescope": "gradescope", "github": "github",
           "prairielearn": "prairielearn", "feedback": "feedback"}


def render(standings: ClassStandings, fmt: str, now: datetime | None = None) -> dict[str, bytes]:
    if fmt not in FORMATS:
        raise ExportError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    module = importlib.import_module(f"grader.classroom.exports.{FORMATS[fmt]}")
    return module.render(standings, now or datetime.now(UTC))


def export(standings: ClassStandings, fmt: str, out: Path,
           now: datetime | None = None) -> list[Path]:
    """Render everything first (bad input writes nothing), then write it under ``out``."""
    return write_files(out, render(standings, fmt, now))


__all__ = ["FORMATS", "ExportError", "export", "render"]
