"""GitHub Classroom: ``<student_id>/results.json`` as the classroom Python runner writes it:
exercism's results.json v3 (``version``, ``status``, ``message``, ``tests[]`` with ``name``,
``status``, ``message``, ``output``) plus the runner's ``max_score`` and a per-test ``score``.

The grading reporter adds up the tests' ``score`` against ``max_score``, so a late penalty is
one more failing entry with a negative score: the sum is the final score. The log is shown
to the student, so hidden and not-yet-due checks keep only their pass/fail.
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


def results_json(row: Standing, standings: ClassStandings, now: datetime) -> dict:
    assignment = standings.assignment
    lang = assignment.lang
    tests = []
    for outcome in row.outcomes:
        if not outcome.graded:
            message = status_text(lang, outcome.status)
            if outcome.message and outcome.status != "missing":
                message += "\n" + outcome.message
            tests.append({"name": file_test_name(outcome.exercise),
                          "status": "error", "message": message, "score": 0})
            continue
        for check in outcome.checks:
            view = student_view(check, assignment.due, now)
            entry = {"name": test_name(outcome.exercise, str(check.get("name", ""))),
                     "status": "pass" if check.get("status") == "pass" else "fail",
                     "score": stored(to_fraction(check.get("points")))}
            details = plain_details({k: v for k, v in view.items() if k != "output"}, lang)
            if details and (entry["status"] != "pass" or view.get("withheld")):
                entry["message"] = details
            if view.get("output"):
                entry["output"] = capped(str(view["output"]))
            tests.append(entry)
    if row.late_penalty:
        tests.append({"name": text(lang, "late_check", days=row.days_late), "status": "fail",
                      "message": text(lang, "late", days=row.days_late,
                                      penalty=format_points(row.late_penalty)),
                      "score": -stored(row.late_penalty)})
    graded = [o for o in row.outcomes if o.graded]
    if not graded:
        status = "error"
    elif all(t["status"] == "pass" for t in tests):
        status = "pass"
    else:
        status = "fail"
    return {"version": 3, "status": status,
            "message": tests[0]["message"] if status == "error" and tests else None,
            "max_score": stored(row.max_points), "tests": tests}


def render(standings: ClassStandings, now: datetime) -> dict[str, bytes]:
    rows = {row.student_id: row for row in standings.students}
    return json_per_student(list(rows), lambda sid: results_json(rows[sid], standings, now))
