"""Review scheduling with FSRS, derived from the progress log's "quiz" events every time.

Each template (or bank entry) is one card. Nothing is stored besides the log: replaying the
answers in order through the scheduler gives every card's state and due date.
"""

from __future__ import annotations

import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from fsrs import Card, Rating, Scheduler

EVENT = "quiz"
FAST_S, SLOW_S = 8.0, 30.0  # response times that make a right answer Easy or Hard


def rate(correct: bool, response_s: float) -> Rating:
    """Wrong: Again. Right: Easy when quick, Hard when slow, Good otherwise."""
    if not correct:
        return Rating.Again
    if response_s <= FAST_S:
        return Rating.Easy
    if response_s >= SLOW_S:
        return Rating.Hard
    return Rating.Good


def _scheduler() -> Scheduler:
    # No fuzzing: the same log must always give the same due dates.
    return Scheduler(enable_fuzzing=False)


@dataclass
class CardState:
    card_id: str
    topic: str
    card: Card
    reviews: int = 0
    correct: int = 0

    @property
    def due(self) -> datetime:
        return self.card.due


def _when(record: dict[str, Any]) -> datetime | None:
    try:
        moment = datetime.fromisoformat(str(record.get("at")))
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def card_states(records: Iterable[dict[str, Any]]) -> dict[str, CardState]:
    """Every card answered at least once, replayed from the log in order."""
    scheduler = _scheduler()
    states: dict[str, CardState] = {}
    for record in records:
        if record.get("event") != EVENT or not isinstance(record.get("template"), str):
            continue
        when = _when(record)
        try:
            rating = Rating(int(record.get("rating")))
        except (TypeError, ValueError):
            continue
        if when is None:
            continue
        template_id = record["template"]
        state = states.get(template_id)
        if state is None:
            card = Card(card_id=zlib.crc32(template_id.encode()), due=when)
            state = states[template_id] = CardState(template_id, str(record.get("topic")), card)
        state.card, _ = scheduler.review_card(state.card, rating, review_datetime=when)
        state.reviews += 1
        state.correct += bool(record.get("correct"))
    return states


def due_order(card_ids: Iterable[str], states: dict[str, CardState],
              now: datetime | None = None) -> list[str]:
    """Cards due now, most overdue first, then never-seen cards; cards not yet due are left out."""
    now = now or datetime.now(UTC)
    due = sorted((states[c].due, c) for c in card_ids if c in states and states[c].due <= now)
    new = [c for c in card_ids if c not in states]
    return [c for _, c in due] + new


def next_due(states: dict[str, CardState]) -> CardState | None:
    return min(states.values(), key=lambda s: s.due, default=None)

