"""A synthetic class to try grading on: one folder per student built from the exercises' own
files (the reference and ``solutions/*.py`` for correct work, ``wrong/*.py`` for mistakes),
roughly half wrong, with a few syntax errors, missing files and crashes at import; plus
``roster.csv`` (a student who never submits, Chinese names among them) and ``timestamps.csv``
(a few late). Same seed, same class. The README's teacher example, the tests and
``bench/bench_class.py`` all grade one.
"""

from __future__ import annotations

import csv
import os
import random
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from grader.exercise import get_exercise

NAMES = ["Ada Lovelace", "李华", "Alan Turing", "Grace Hopper", "王芳", "Edsger Dijkstra",
         "Barbara Liskov", "Donald Knuth", "Margaret Hamilton", "张伟", "John McCarthy",
         "Frances Allen", "Ken Thompson", "Radia Perlman", "Dennis Ritchie", "Shafi Goldwasser",
         "Leslie Lamport", "Katherine Johnson", "Tony Hoare", "Adele Goldberg", "刘洋",
         "Niklaus Wirth", "Karen Spärck Jones", "Robin Milner", "Sophie Wilson", "Yann LeCun",
         "Fei-Fei Li", "Geoffrey Hinton", "Cynthia Dwork", "Guido van Rossum"]
DEFAULT_DUE = datetime(2026, 12, 1, 23, 59, tzinfo=UTC)


@dataclass
class ExampleClass:
    """What was written, and what each file is meant to be (for tests and the bench)."""

    root: Path
    submissions: Path
    roster: Path
    timestamps: Path
    kinds: dict[tuple[str, str], str] = field(default_factory=dict)  # (student, ex) -> kind

    @property
    def files(self) -> list[Path]:
        return sorted(self.submissions.glob("*/exercise_*.py"))


def write_example_class(root: Path, exercises: tuple[str, ...], *, students: int = 30,
                        seed: int = 0, due: datetime | None = None) -> ExampleClass:
    """Write the class under ``root``: ``submissions/<student>/exercise_NN.py``,
    ``roster.csv`` and ``timestamps.csv``. The last roster student submits nothing."""
    if students < 2:
        raise ValueError("an example class needs at least 2 students")
    rng = random.Random(seed)
    due = due or DEFAULT_DUE
    made = ExampleClass(root, root / "submissions", root / "roster.csv", root / "timestamps.csv")
    made.submissions.mkdir(parents=True, exist_ok=True)
    ids = [f"s{n:03d}" for n in range(1, students + 1)]
    with open(made.roster, "w", encoding="utf-8", newline="") as roster:
        writer = csv.writer(roster)
        writer.writerow(["student_id", "name", "email"])
        for n, student_id in enumerate(ids):
            writer.writerow([student_id, NAMES[n % len(NAMES)], f"{student_id}@example.edu"])
    times = []
    for n, student_id in enumerate(ids[:-1]):  # the last one never submits
        folder = made.submissions / student_id
        folder.mkdir(exist_ok=True)
        # Most hand in during the last two days; every fifth is up to 3 days late.
        if n % 5 == 4:
            when = due + timedelta(hours=rng.uniform(1, 72))
        else:
            when = due - timedelta(hours=rng.uniform(1, 48))
        when = when.replace(microsecond=0)
        times.append((student_id, when))
        for position, exercise_id in enumerate(exercises):
            kind = _special(n, position, len(exercises)) or _draw(rng)
            made.kinds[(student_id, exercise_id)] = kind
            source = _source(kind, exercise_id, rng)
            if source is None:
                continue
            path = folder / f"exercise_{exercise_id}.py"
            path.write_text(source, encoding="utf-8")
            os.utime(path, (when.timestamp(), when.timestamp()))
    with open(made.timestamps, "w", encoding="utf-8", newline="") as stamps:
        writer = csv.writer(stamps)
        writer.writerow(["student_id", "submitted_at"])
        for student_id, when in times:
            writer.writerow([student_id, when.isoformat()])
    _world_readable(root)
    return made


def _special(student: int, position: int, count: int) -> str | None:
    """One of each rare case, in fixed places, so even a small class has them."""
    if student == 1 and position == 0:
        return "syntax_error"
    if student == 2 and position == count - 1:
        return "missing"
    if student == 3 and position == min(1, count - 1):
        return "import_crash"
    return None


def _draw(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.48:
        return "correct"
    if roll < 0.94:
        return "wrong"
    if roll < 0.96:
        return "starter"
    if roll < 0.98:
        return "syntax_error"
    return "missing"


def _source(kind: str, exercise_id: str, rng: random.Random) -> str | None:
    exercise = get_exercise(exercise_id)
    reference = exercise.reference.read_text(encoding="utf-8")
    if kind == "correct":
        return rng.choice([exercise.reference, *exercise.solutions]).read_text(encoding="utf-8")
    if kind == "wrong" and exercise.wrong:
        return rng.choice(exercise.wrong).file.read_text(encoding="utf-8")
    if kind in ("wrong", "starter"):
        return exercise.starter.read_text(encoding="utf-8")
    if kind == "syntax_error":
        return reference + "\ndef unfinished(:\n    pass\n"
    if kind == "import_crash":
        return "import a_module_that_is_not_installed  # crashes at import\n" + reference
    return None  # missing


def _world_readable(root: Path) -> None:
    """The sandbox's unprivileged user (and a teacher's TA account) must read the class."""
    for folder, _, files in os.walk(root):
        os.chmod(folder, 0o755)
        for name in files:
            os.chmod(os.path.join(folder, name), 0o644)
