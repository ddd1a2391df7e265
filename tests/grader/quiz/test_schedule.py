"""The FSRS schedule is replayed from the log: same log, same due dates."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fsrs import Rating

from grader.learner import quiz_accuracy
from grader.quiz.schedule import card_states, due_order, rate


def _answer(card: str, at: datetime, correct: bool) -> dict:
    return {"event": "quiz", "template": card, "topic": card.split(".")[0], "correct": correct,
            "rating": int(rate(correct, 5.0)), "at": at.isoformat()}


def test_rating_from_correctness_and_time():
    assert rate(False, 1) == Rating.Again
    assert rate(True, 2) == Rating.Easy
    assert rate(True, 15) == Rating.Good
    assert rate(True, 60) == Rating.Hard


def test_right_answers_push_the_due_date_further_than_wrong_ones():
    start = datetime(2025, 1, 1, tzinfo=UTC)
    records = [_answer("model.flatten", start, True), _answer("python.dict_pop", start, False),
               {"event": "check", "exercise": "20"}]
    states = card_states(records)
    assert states["model.flatten"].due > states["python.dict_pop"].due
    assert card_states(records)["model.flatten"].due == states["model.flatten"].due
    later = start + timedelta(minutes=30)
    order = due_order(["model.flatten", "python.dict_pop", "data.map_line"], states, later)
    assert order == ["python.dict_pop", "data.map_line"]
    assert quiz_accuracy(records) == {"model": (1, 1), "python": (0, 1)}
