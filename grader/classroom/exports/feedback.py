"""Feedback for each student: ``<student_id>.md`` and a self-contained ``<student_id>.html``.

The score; per exercise, each failing promise with its smallest failing call, expected and got,
and the exercise's first hint; in the assignment's language. A hidden check shows only
whether it passed; an ``after_due_date`` check shows its details once the due date has passed.
"""

from __future__ import annotations

from datetime import datetime

from grader.classroom.exports.check_details import md_details
from grader.classroom.exports.files import student_stems
from grader.classroom.exports.html_page import markdown_to_html, page
from grader.classroom.exports.markdown import md_block, md_text
from grader.classroom.exports.standings import (
    ClassStandings,
    ExerciseOutcome,
    Standing,
    to_fraction,
)
from grader.classroom.exports.visibility import student_view
from grader.classroom.exports.wording import status_text, text
from grader.classroom.scoring import format_points


def _title_and_hint(exercise_id: str, lang: str) -> tuple[str, str]:
    from grader.exercise import ExerciseError, get_exercise

    try:
        exercise = get_exercise(exercise_id)
    except ExerciseError:
        return exercise_id, ""
    hints = exercise.hints.get(lang) or exercise.hints.get("en") or ()
    return exercise.title.get(lang) or exercise.title["en"], (hints[0] if hints else "")


def feedback_markdown(row: Standing, standings: ClassStandings, now: datetime) -> str:
    assignment = standings.assignment
    lang = assignment.lang
    who = md_text(row.name) + f" \\({md_text(row.student_id)}\\)" if row.name \
        else md_text(row.student_id)
    parts = [f"# {md_text(text(lang, 'feedback_title', assignment=assignment.name))}",
             f"**{md_text(text(lang, 'student'))}**{text(lang, 'colon')}{who}\n\n"
             f"**{md_text(text(lang, 'score'))}**{text(lang, 'colon')}"
             + md_text(text(lang, "points_of", points=format_points(row.final),
                            max=format_points(row.max_points)))]
    if row.late_penalty:
        parts.append(md_text(text(lang, "late", days=row.days_late,
                                  penalty=format_points(row.late_penalty))))
    for outcome in row.outcomes:
        parts.append(_exercise_section(outcome, assignment.due, now, lang))
    return "\n\n".join(parts) + "\n"


def _exercise_section(outcome: ExerciseOutcome, due: datetime | None, now: datetime,
                      lang: str) -> str:
    title, hint = _title_and_hint(outcome.exercise, lang)
    heading = (f"## {md_text(text(lang, 'exercise', id=outcome.exercise, title=title))} · "
               + md_text(text(lang, "points_of", points=format_points(outcome.points),
                              max=format_points(outcome.max_points))))
    parts = [heading]
    if not outcome.graded:
        parts.append(md_text(status_text(lang, outcome.status)))
        if outcome.message and outcome.status != "missing":
            # the error as Python reported it (a syntax error's caret needs its column)
            parts.append(md_block(outcome.message))
        if hint and outcome.status != "missing":
            parts.append(f"**{md_text(text(lang, 'hint'))}**{text(lang, 'colon')}{hint}")
        return "\n\n".join(parts)
    checks = outcome.checks
    passing = [c for c in checks if c.get("status") == "pass"]
    failing = [c for c in checks if c.get("status") != "pass"]
    parts.append(md_text(text(lang, "summary", passed=len(passing), total=len(checks))))
    if not failing:
        parts.append(md_text(text(lang, "all_pass")))
    for check in failing:
        view = student_view(check, due, now)
        worth = format_points(to_fraction(check.get("max_points")))
        parts.append(f"### ✘ {md_text(str(check.get('name', '')))} "
                     f"\\(0 / {worth}\\)\n\n{md_details(view, lang)}")
    if failing and hint:
        parts.append(f"**{md_text(text(lang, 'hint'))}**{text(lang, 'colon')}{hint}")
    if passing:
        parts.append("\n".join(f"- ✔ {md_text(str(c.get('name', '')))}" for c in passing))
    return "\n\n".join(parts)


def render(standings: ClassStandings, now: datetime) -> dict[str, bytes]:
    stems = student_stems([row.student_id for row in standings.students])
    lang = standings.assignment.lang
    files = {}
    for row in standings.students:
        markdown = feedback_markdown(row, standings, now)
        title = text(lang, "feedback_title", assignment=standings.assignment.name)
        files[f"{stems[row.student_id]}.md"] = markdown.encode("utf-8")
        files[f"{stems[row.student_id]}.html"] = page(
            f"{title} · {row.student_id}", markdown_to_html(markdown), lang).encode("utf-8")
    return files
