"""Where each exercise stands, derived from the progress log each time (never stored beside it)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

# The order the tree lists topics in; a topic an exercise names that is not here goes last.
TOPICS = ("helpers", "device", "data", "model", "training", "functions", "python")


def last_check_status(records: Iterable[dict[str, Any]]) -> dict[str, str]:
    """Exercise id -> status of its latest check record ("pass", "fail" or "error")."""
    statuses: dict[str, str] = {}
    for record in records:
        exercise_id = record.get("exercise")
        if record.get("event") == "check" and isinstance(exercise_id, str):
            statuses[exercise_id] = str(record.get("status"))
    return statuses


def hints_revealed(records: Iterable[dict[str, Any]]) -> dict[str, int]:
    """Exercise id -> the highest hint level (1-based) the learner has already seen."""
    levels: dict[str, int] = {}
    for record in records:
        exercise_id, level = record.get("exercise"), record.get("level")
        if (record.get("event") == "hint" and isinstance(exercise_id, str)
                and isinstance(level, int) and not isinstance(level, bool)):
            levels[exercise_id] = max(levels.get(exercise_id, 0), level)
    return levels
