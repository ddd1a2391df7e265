"""Where the learner stands, derived from the progress log every time and stored nowhere else.

Done, failing, attempts, hints used, first pass, per-topic totals, quiz accuracy, streak and
recent activity: the CLI's `list` and `progress`, and the app, all read them from here.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from grader.exercise import Exercise

TOPICS = ("helpers", "device", "data", "model", "training", "functions", "python")


@dataclass
class ExerciseProgress:
    exercise_id: str
    last_status: str | None = None  # of the latest check: pass, fail, error
    attempts: int = 0
    hints_used: int = 0  # the highest hint level seen
    ever_passed: bool = False
    first_pass_at: str | None = None
    solution_seen: bool = False

    @property
    def state(self) -> str:
        if self.last_status is None:
            return "not started"
        return "done" if self.last_status == "pass" else "failing"


def exercise_progress(records: Iterable[dict[str, Any]]) -> dict[str, ExerciseProgress]:
    progress: dict[str, ExerciseProgress] = {}
    for record in records:
        exercise_id = record.get("exercise")
        if not isinstance(exercise_id, str):
            continue
        entry = progress.setdefault(exercise_id, ExerciseProgress(exercise_id))
        event = record.get("event")
        if event == "check":
            entry.attempts += 1
            entry.last_status = str(record.get("status"))
            if entry.last_status == "pass" and not entry.ever_passed:
                entry.ever_passed = True
                entry.first_pass_at = record.get("at")
        elif event == "hint":
            level = record.get("level")
            if isinstance(level, int) and not isinstance(level, bool):
                entry.hints_used = max(entry.hints_used, level)
        elif event == "solution":
            entry.solution_seen = True
    return progress


@dataclass
class TopicProgress:
    topic: str
    total: int = 0  # exercises in the topic
    done: int = 0
    attempts: int = 0
    hints_used: int = 0


def topic_progress(exercises: Iterable[Exercise],
                   progress: dict[str, ExerciseProgress]) -> dict[str, TopicProgress]:
    """Every topic of TOPICS in order (empty ones too), then any other topic an exercise names."""
    topics = {topic: TopicProgress(topic) for topic in TOPICS}
    for exercise in exercises:
        tally = topics.setdefault(exercise.topic, TopicProgress(exercise.topic))
        entry = progress.get(exercise.id, ExerciseProgress(exercise.id))
        tally.total += 1
        tally.done += entry.state == "done"
        tally.attempts += entry.attempts
        tally.hints_used += entry.hints_used
    return topics


def quiz_accuracy(records: Iterable[dict[str, Any]]) -> dict[str, tuple[int, int]]:
    """Topic -> (answered right, answered) over every quiz answer in the log."""
    tallies: dict[str, tuple[int, int]] = {}
    for record in records:
        topic = record.get("topic")
        if record.get("event") != "quiz" or not isinstance(topic, str):
            continue
        right, answered = tallies.get(topic, (0, 0))
        tallies[topic] = (right + (record.get("correct") is True), answered + 1)
    return tallies


def _day(record: dict[str, Any]) -> date | None:
    try:
        return datetime.fromisoformat(str(record.get("at"))).astimezone(UTC).date()
    except ValueError:
        return None


def activity_by_day(records: Iterable[dict[str, Any]]) -> Counter[date]:
    return Counter(d for d in map(_day, records) if d is not None)


def daily_activity(records: Iterable[dict[str, Any]], days: int,
                   today: date | None = None) -> list[int]:
    """Events per UTC day for the last ``days`` days, oldest first, the last one being today."""
    by_day = activity_by_day(records)
    today = today or datetime.now(UTC).date()
    return [by_day.get(today - timedelta(days=back), 0) for back in range(days - 1, -1, -1)]


def streak(records: Iterable[dict[str, Any]], today: date | None = None) -> int:
    """Consecutive UTC days with any activity, ending today (or yesterday: today may be young)."""
    days = set(activity_by_day(records))
    day = today or datetime.now(UTC).date()
    if day not in days:
        day -= timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count
