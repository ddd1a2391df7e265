"""PrairieLearn: ``<student_id>/results.json`` as an external grader reports it.

``score`` is the final score as a fraction of the maximum (0-1), ``gradable``, ``message``,
``tests[]`` with ``name``, ``points``, ``max_points``, ``message``, ``output``. A file with a
syntax error makes the submission not gradable (PrairieLearn then neither awards nor costs an
attempt): ``gradable: false``, the errors in ``format_errors`` and no score. Students see
these pages, so hidden and not-yet-due checks keep only their pass/fail.
"""

from __future__ import annotations

from datetime import datetime

from grader.classroom.exports.check_details import capped, file_test_name, plain_details, test_name
from grader.classroom.exports.files import json_per_student
from grader.classroom.exports.standings import (
    ClassStandings,
    Standing,
    to_fraction,
)
from grader.classroom.exports.visibility import student_view
from grader.classroom.exports.wording import status_text, text
from grader.classroom.scoring import format_points, stored

NOT_GRADABLE = ("syntax_error",)


def results_json(row: Standing, standings: ClassStandings, now: datetime) -> dict:
    assignment = standings.assignment
    lang = assignment.lang
    format_errors = []
    for outcome in row.outcomes:
        if outcome.status in NOT_GRADABLE:
            line = (outcome.record or {}).get("line")
            where = f"exercise_{outcome.exercise}.py" + (
                f", {text(lang, 'line', line=line)}" if line else "")
            format_errors.append(f"{where}: {outcome.message or status_text(lang, outcome.status)}")
    if format_errors:
        return {"gradable": False, "format_errors": format_errors,
                "message": status_text(lang, "syntax_error"), "tests": []}
    tests = []
    for outcome in row.outcomes:
        if not outcome.graded:
            tests.append({"name": file_test_name(outcome.exercise),
                          "points": 0, "max_points": stored(outcome.max_points),
                          "message": status_text(lang, outcome.status)
                          + (f"\n{outcome.message}" if outcome.message
                             and outcome.status != "missing" else "")})
            continue
        for check in outcome.checks:
            view = student_view(check, assignment.due, now)
            passed = check.get("status") == "pass"
            entry = {"name": test_name(outcome.exercise, str(check.get("name", ""))),
                     "points": stored(to_fraction(check.get("points"))),
                     "max_points": stored(to_fraction(check.get("max_points"))),
                     "message": text(lang, "passed" if passed else "failed")}
            details = plain_details({k: v for k, v in view.items() if k != "output"}, lang)
            if details and (not passed or view.get("withheld")):
                entry["message"] += "\n" + details
            if view.get("output"):
                entry["output"] = capped(str(view["output"]))
            tests.append(entry)
    message = text(lang, "points_of", points=format_points(row.final),
                   max=format_points(row.max_points))
    if row.late_penalty:
        message += "\n" + text(lang, "late", days=row.days_late,
                               penalty=format_points(row.late_penalty))
    score = row.final / row.max_points if row.max_points else to_fraction(0)
    return {"gradable": True, "score": round(float(min(max(score, 0), 1)), 6),
            "message": message, "tests": tests}


def render(standings: ClassStandings, now: datetime) -> dict[str, bytes]:
    rows = {row.student_id: row for row in standings.students}
    return json_per_student(list(rows), lambda sid: results_json(rows[sid], standings, now))
