"""``grades.csv``: one row per student, one column per exercise, then the totals.

UTF-8 with a byte-order mark and CRLF lines, so Excel opens Chinese names correctly; points
keep their fractions (``1.6667``, never ``2``). Text cells that a spreadsheet would run as a
formula (``=``, ``+``, ``-``, ``@`` first) get a leading apostrophe.
"""

from __future__ import annotations

import csv
import io
from datetime import datetime

from grader.classroom.exports.standings import ClassStandings
from grader.classroom.scoring import format_points

FILE_NAME = "grades.csv"
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def header(standings: ClassStandings) -> list[str]:
    exercises = [f"exercise_{e}" for e in standings.assignment.exercises]
    return ["student_id", "name", *exercises, "total", "max", "percent", "late_penalty",
            "final", "status"]


def render(standings: ClassStandings, now: datetime) -> dict[str, bytes]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header(standings))
    for row in standings.students:
        writer.writerow([
            _text(row.student_id), _text(row.name),
            *(format_points(o.points) for o in row.outcomes),
            format_points(row.points), format_points(row.max_points),
            format_points(row.percent), format_points(row.late_penalty),
            format_points(row.final), _text(row.status)])
    return {FILE_NAME: buffer.getvalue().encode("utf-8-sig")}


def _text(value: str) -> str:
    return "'" + value if value.startswith(_FORMULA_START) else value
