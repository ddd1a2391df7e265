"""Derived learner state: per-topic totals, quiz accuracy, daily activity and the streak."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from grader.learner import (
    TOPICS,
    daily_activity,
    exercise_progress,
    quiz_accuracy,
    streak,
    topic_progress,
)

TODAY = date(2025, 3, 14)


def quiz(topic, correct, at="2025-03-14T09:00:00+00:00"):
    return {"v": 1, "event": "quiz", "at": at, "template": "t", "topic": topic,
            "kind": "typed", "correct": correct}


def check(exercise, status, at="2025-03-14T09:00:00+00:00"):
    return {"v": 1, "event": "check", "at": at, "exercise": exercise, "status": status}


def test_quiz_accuracy_counts_right_and_answered_per_topic_and_ignores_other_events():
    records = [quiz("model", True), quiz("model", False), quiz("model", True),
               quiz("python", False), check("20", "pass"),
               quiz(None, True), {**quiz("data", "yes")}]  # no topic: skipped; not True: wrong
    assert quiz_accuracy(records) == {"model": (2, 3), "python": (0, 1), "data": (0, 1)}
    assert quiz_accuracy([]) == {}


def test_daily_activity_is_oldest_first_and_ends_today():
    records = [check("20", "fail", "2025-03-14T00:30:00+00:00"),
               check("20", "pass", "2025-03-14T23:59:00+00:00"),
               check("21", "fail", "2025-03-12T12:00:00+00:00"),
               # 01:00 in UTC+8 is the day before in UTC, the day the log counts in
               check("21", "pass", "2025-03-13T01:00:00+08:00"),
               check("22", "pass", "2025-03-15T08:00:00+00:00"),  # after today: not shown
               check("22", "pass", "2025-03-01T08:00:00+00:00"),  # before the window
               {"event": "check", "at": "not a time"}]
    assert daily_activity(records, 4, TODAY) == [0, 2, 0, 2]
    assert daily_activity([], 30, TODAY) == [0] * 30


def test_topic_progress_counts_done_attempts_and_hints_in_topic_order():
    exercises = [SimpleNamespace(id="20", topic="python"), SimpleNamespace(id="21", topic="python"),
                 SimpleNamespace(id="09", topic="model"), SimpleNamespace(id="99", topic="extra")]
    records = [check("20", "fail"), check("20", "pass"), check("21", "pass"),
               check("21", "fail"), {"event": "hint", "exercise": "21", "level": 2},
               {"event": "hint", "exercise": "09", "level": 1}]
    topics = topic_progress(exercises, exercise_progress(records))
    assert list(topics) == [*TOPICS, "extra"]
    python = topics["python"]
    assert (python.total, python.done, python.attempts, python.hints_used) == (2, 1, 4, 2)
    assert (topics["model"].total, topics["model"].done, topics["model"].hints_used) == (1, 0, 1)
    assert topics["data"].total == 0 and topics["extra"].total == 1


def test_streak_counts_back_from_today_or_yesterday():
    days = ["2025-03-11", "2025-03-12", "2025-03-13"]
    records = [check("20", "pass", f"{day}T10:00:00+00:00") for day in days]
    assert streak(records, TODAY) == 3  # today may still be young
    assert streak(records, date(2025, 3, 13)) == 3
    assert streak(records, date(2025, 3, 16)) == 0
