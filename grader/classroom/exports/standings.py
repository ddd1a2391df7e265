"""Where each student stands in an assignment: the latest gradebook record per exercise,
the points earned, the late penalty and the final score.

Every export and the class report read the class through :func:`build_standings`, so a CSV
total, a Gradescope score and the report's histogram cannot disagree. Points are summed as
fractions of the stored values (``scoring.stored``) and shown with ``scoring.format_points``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from pathlib import Path
from typing import Any, Protocol

MISSING = "missing"
GRADED = "graded"


class AssignmentLike(Protocol):
    """The fields of ``grader.classroom.assignment.Assignment`` the exports read."""

    name: str
    gradebook_path: Path
    exercises: tuple[str, ...]
    points: dict[str, float]
    due: datetime | None
    lang: str


class StudentLike(Protocol):
    student_id: str
    name: str


def to_fraction(value: Any) -> Fraction:
    """A stored point value (a float rounded to 6 decimals) as the fraction it was written as."""
    if value is None:
        return Fraction(0)
    return Fraction(str(value))


@dataclass(frozen=True)
class ExerciseOutcome:
    """One student's latest result on one exercise (``record`` is None: never graded)."""

    exercise: str
    max_points: Fraction
    record: dict | None = None

    @property
    def status(self) -> str:
        return (self.record or {}).get("status") or MISSING

    @property
    def submitted(self) -> bool:
        return self.status != MISSING

    @property
    def graded(self) -> bool:
        return self.status == GRADED

    @property
    def points(self) -> Fraction:
        """Earned before the late penalty."""
        return to_fraction((self.record or {}).get("points"))

    @property
    def late_penalty(self) -> Fraction:
        return to_fraction((self.record or {}).get("late_penalty"))

    @property
    def final(self) -> Fraction:
        record = self.record or {}
        if record.get("final_points") is None:
            return self.points - self.late_penalty
        return to_fraction(record["final_points"])

    @property
    def days_late(self) -> int:
        return int((self.record or {}).get("days_late") or 0)

    @property
    def checks(self) -> list[dict]:
        return list((self.record or {}).get("checks") or [])

    @property
    def message(self) -> str:
        return str((self.record or {}).get("message") or "")

    @property
    def duration_s(self) -> float:
        return float((self.record or {}).get("duration_s") or 0.0)


@dataclass(frozen=True)
class Standing:
    """One student's row: every assignment exercise, in the assignment's order."""

    student_id: str
    name: str
    on_roster: bool
    outcomes: tuple[ExerciseOutcome, ...]

    @property
    def points(self) -> Fraction:
        return sum((o.points for o in self.outcomes), Fraction(0))

    @property
    def late_penalty(self) -> Fraction:
        return sum((o.late_penalty for o in self.outcomes), Fraction(0))

    @property
    def final(self) -> Fraction:
        return sum((o.final for o in self.outcomes), Fraction(0))

    @property
    def max_points(self) -> Fraction:
        return sum((o.max_points for o in self.outcomes), Fraction(0))

    @property
    def percent(self) -> Fraction:
        """The final score as a percentage of the maximum."""
        return 100 * self.final / self.max_points if self.max_points else Fraction(0)

    @property
    def days_late(self) -> int:
        return max((o.days_late for o in self.outcomes), default=0)

    @property
    def duration_s(self) -> float:
        return sum(o.duration_s for o in self.outcomes)

    @property
    def missing(self) -> tuple[str, ...]:
        return tuple(o.exercise for o in self.outcomes if not o.submitted)

    @property
    def submitted_any(self) -> bool:
        return len(self.missing) < len(self.outcomes)

    def outcome(self, exercise: str) -> ExerciseOutcome:
        return next(o for o in self.outcomes if o.exercise == exercise)

    @property
    def status(self) -> str:
        """``graded`` (every exercise submitted), ``incomplete`` or ``missing`` (nothing), then
        ``late`` and ``not on roster`` where they apply, comma-separated."""
        if not self.submitted_any:
            words = [MISSING]
        else:
            words = ["incomplete" if self.missing else GRADED]
        if self.days_late:
            words.append("late")
        if not self.on_roster:
            words.append("not on roster")
        return ", ".join(words)


@dataclass(frozen=True)
class ClassStandings:
    assignment: AssignmentLike
    students: tuple[Standing, ...]
    has_roster: bool

    @property
    def max_points(self) -> Fraction:
        return sum((to_fraction(self.assignment.points[e]) for e in self.assignment.exercises),
                   Fraction(0))


def build_standings(assignment: AssignmentLike,
                    latest: Mapping[tuple[str, str], dict],
                    roster: Sequence[StudentLike] | None = None) -> ClassStandings:
    """One row per roster student, in roster order, then every graded student who is not on
    it (flagged), by id. Without a roster, everyone in the gradebook, by id. ``latest`` maps
    (student, exercise) to the newest record, as ``gradebook.latest_records`` returns it."""
    by_student: dict[str, dict[str, dict]] = {}
    for (student, exercise), record in latest.items():
        by_student.setdefault(student, {})[exercise] = record
    names = {s.student_id: s.name for s in roster or ()}
    order = list(names)
    order += sorted(s for s in by_student if s not in names)
    rows = []
    for student in order:
        records = by_student.get(student, {})
        outcomes = tuple(
            ExerciseOutcome(exercise, to_fraction(assignment.points[exercise]),
                            records.get(exercise))
            for exercise in assignment.exercises)
        name = names.get(student) or next(
            (r.get("name") for r in records.values() if r.get("name")), "")
        rows.append(Standing(student, str(name or ""), roster is None or student in names,
                             outcomes))
    return ClassStandings(assignment, tuple(rows), roster is not None)


def load_standings(assignment: AssignmentLike, roster_path: Path | None = None,
                   warn: Callable[[str], None] | None = None) -> ClassStandings:
    """The class as the gradebook has it now (latest record per student and exercise), with the
    roster's students and names when there is one."""
    from grader.classroom.gradebook import latest_records, read_gradebook
    from grader.classroom.roster import read_roster

    records = read_gradebook(assignment.gradebook_path, warn)
    roster = read_roster(roster_path) if roster_path is not None else None
    return build_standings(assignment, latest_records(records), roster)
