"""Gradescope: ``<student_id>/results.json`` in the autograder specification's shape.

Top level: ``score`` (final, after the late penalty), ``max_score``, ``execution_time``,
``output`` (Markdown), ``output_format: "md"``; one ``tests[]`` entry per check with ``name``,
``score``, ``max_score``, ``status`` (``passed``/``failed``), ``output``, ``visibility``. An
exercise that could not be graded is one failed entry worth its points. Gradescope applies
``after_due_date`` itself, so such checks keep their details under that visibility; a
``hidden`` check stays listed (it carries points) but shows only passed or failed.
"""

from __future__ import annotations

from datetime import datetime

from grader.classroom.exports.check_details import file_test_name, md_details, test_name
from grader.classroom.exports.files import json_per_student
from grader.classroom.exports.markdown import md_block, md_text
from grader.classroom.exports.standings import (
    ClassStandings,
    Standing,
    to_fraction,
)
from grader.classroom.exports.visibility import student_view
from grader.classroom.exports.wording import status_text, text
from grader.classroom.scoring import format_points, stored


def results_json(row: Standing, standings: ClassStandings, now: datetime) -> dict:
    lang = standings.assignment.lang
    tests = []
    for outcome in row.outcomes:
        if not outcome.graded:
            tests.append({
                "name": file_test_name(outcome.exercise),
                "number": outcome.exercise, "score": 0,
                "max_score": stored(outcome.max_points), "status": "failed",
                "output": _md_status(outcome.status, outcome.message, lang),
                "output_format": "md", "visibility": "visible",
                "tags": [f"exercise_{outcome.exercise}", outcome.status]})
            continue
        for number, check in enumerate(outcome.checks, start=1):
            visibility = check.get("visibility") or "visible"
            # Gradescope releases after_due_date itself (so: as if due now); hidden: pass/fail
            # only, still counted.
            view = student_view(check, due=now, now=now)
            passed = check.get("status") == "pass"
            tests.append({
                "name": test_name(outcome.exercise, str(check.get("name", ""))),
                "number": f"{outcome.exercise}.{number}",
                "score": stored(to_fraction(check.get("points"))),
                "max_score": stored(to_fraction(check.get("max_points"))),
                "status": "passed" if passed else "failed",
                "output": "" if passed and not view.get("withheld") else md_details(view, lang),
                "output_format": "md",
                "visibility": "after_due_date" if visibility == "after_due_date" else "visible",
                "tags": [f"exercise_{outcome.exercise}"]})
    return {
        "score": stored(row.final),
        "max_score": stored(row.max_points),
        "execution_time": round(row.duration_s, 3),
        "output": _md_summary(row, lang),
        "output_format": "md",
        "visibility": "visible",
        "stdout_visibility": "hidden",
        "extra_data": {"student_id": row.student_id, "assignment": standings.assignment.name,
                       "points_before_penalty": stored(row.points),
                       "late_penalty": stored(row.late_penalty),
                       "days_late": row.days_late},
        "tests": tests,
    }


def render(standings: ClassStandings, now: datetime) -> dict[str, bytes]:
    rows = {row.student_id: row for row in standings.students}
    return json_per_student(list(rows), lambda sid: results_json(rows[sid], standings, now))


def _md_summary(row: Standing, lang: str) -> str:
    lines = [f"**{md_text(text(lang, 'score'))}**{text(lang, 'colon')}"
             + md_text(text(lang, "points_of", points=format_points(row.final),
                            max=format_points(row.max_points)))]
    if row.late_penalty:
        lines.append(md_text(text(lang, "late", days=row.days_late,
                                  penalty=format_points(row.late_penalty))))
    return "\n\n".join(lines)


def _md_status(status: str, message: str, lang: str) -> str:
    parts = [md_text(status_text(lang, status))]
    if message and status != "missing":
        parts.append(md_block(message))
    return "\n\n".join(parts)
