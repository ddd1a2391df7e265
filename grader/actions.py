"""The learner's actions, one home for every front end: check-and-log, the next hint, the
solution once passed, reset.

`grader check` (cold, ``--all`` and through the check server), `grader watch`, the app and
whatever comes next call these; nothing else writes ``check`` or ``hint`` records, so a hint
or a check means the same thing wherever it was asked for.

The hint policy: each request reveals the next level not seen yet and logs it; once every
level has been seen, the last one is shown again and nothing new is logged. ``level=K`` shows
level K, logged only when it is one not seen before. What was seen is read from the progress
log, so the CLI and the app (and two of them at once) agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from grader.learner import exercise_progress
from grader.progress import check_record

if TYPE_CHECKING:
    from grader.checker import Checker
    from grader.exercise import Exercise
    from grader.verdict import Verdict
    from grader.workspace import Workspace


class ActionRefused(Exception):
    """The action cannot be done as asked; the message says why, in the learner's terms."""


class NotSolvedYet(ActionRefused):
    """The solution was asked for before a pass, without ``force``."""


# --- check ---------------------------------------------------------------------------------

def check(workspace: Workspace | None, exercise: Exercise, submission_path: Path, cfg: object,
          checker: Checker, *, source: bytes | None = None, supersede: bool = False) -> Verdict:
    """Grade one file with a warm checker and log the verdict (no workspace: nothing logged).

    ``supersede``: cancel the check that runs now (the app's F5 pressed again); the cancelled
    call raises ``Cancelled`` and logs nothing."""
    verdict = checker.check(exercise, submission_path, cfg, source=source, supersede=supersede)
    record_check(workspace, verdict)
    return verdict


def record_check(workspace: Workspace | None, verdict: Verdict) -> None:
    """Log a verdict graded elsewhere (``check --all``'s pool processes)."""
    if workspace is not None:
        workspace.log.append("check", **check_record(verdict))


# --- hints ---------------------------------------------------------------------------------

@dataclass(frozen=True)
class Hint:
    exercise_id: str
    level: int  # 1-based
    total: int  # how many levels the exercise has
    text: str
    new: bool  # seen for the first time (and logged) by this request

    @property
    def last(self) -> bool:
        return self.level == self.total


def hints_seen(workspace: Workspace, exercise: Exercise) -> int:
    """The highest hint level the log says this learner has seen (0: none)."""
    entry = exercise_progress(workspace.log.read()).get(exercise.id)
    return entry.hints_used if entry is not None else 0


def next_hint(workspace: Workspace, exercise: Exercise, *, lang: str | None = None,
              level: int | None = None) -> Hint:
    """The next unseen hint (or ``level``), logged when it is new; see the module's policy."""
    lang = lang or workspace.cfg.UI.LANG
    hints = exercise.hints.get(lang) or exercise.hints.get("en") or ()
    if not hints:
        raise ActionRefused(f"exercise {exercise.id} has no hints")
    seen = hints_seen(workspace, exercise)
    if level is None:
        level = min(seen + 1, len(hints))
    elif not 1 <= level <= len(hints):
        raise ActionRefused(f"exercise {exercise.id} has hint levels 1 to {len(hints)}, "
                            f"not {level}")
    new = level > seen
    if new:
        workspace.log.append("hint", exercise=exercise.id, level=level)
    return Hint(exercise.id, level, len(hints), hints[level - 1], new)


# --- solution ------------------------------------------------------------------------------

@dataclass(frozen=True)
class Solution:
    exercise_id: str
    reference: str  # the reference solution's source
    # (file stem, source) of the exercise's other correct solutions: "other ways to write it",
    # shown only after a pass (before it they would be more answers, not more practice)
    alternatives: tuple[tuple[str, str], ...]
    forced: bool  # shown before a pass, because the learner insisted


def has_passed(workspace: Workspace, exercise: Exercise) -> bool:
    entry = exercise_progress(workspace.log.read()).get(exercise.id)
    return bool(entry and entry.ever_passed)


def solution(workspace: Workspace, exercise: Exercise, *, force: bool = False) -> Solution:
    """The reference once the learner has passed (as rustlings); before that only with
    ``force``, and the log says so (``forced``). Raises ``NotSolvedYet`` otherwise."""
    passed = has_passed(workspace, exercise)
    if not passed and not force:
        raise NotSolvedYet(f"exercise {exercise.id} is not solved yet; solve it first (try "
                           f"`grader hint {exercise.id}`), or add --force to see the solution "
                           "anyway")
    reference = exercise.reference.read_text(encoding="utf-8")
    alternatives = tuple((path.stem, path.read_text(encoding="utf-8"))
                         for path in exercise.solutions) if passed else ()
    workspace.log.append("solution", exercise=exercise.id, forced=not passed)
    return Solution(exercise.id, reference, alternatives, forced=not passed)


# --- reset ---------------------------------------------------------------------------------

def reset(workspace: Workspace, exercise: Exercise) -> Path | None:
    """Put the starter back, keeping the learner's file beside it; returns the backup's path
    (None when there was no file). Logged as a ``reset`` record."""
    if not exercise.starter.is_file():
        raise ActionRefused(f"exercise {exercise.id} has no starter file to go back to")
    return workspace.reset_to_starter(exercise)
