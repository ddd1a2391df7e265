"""Points: equal, all-or-nothing and weighted splits, late penalty and cutoff, exact fractions."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest

from grader.classroom.assignment import load_assignment
from grader.classroom.grading import build_record
from grader.classroom.scoring import days_late, format_points, late_penalty, score_checks
from grader.classroom.submissions import StudentFile
from grader.exercise import CheckMeta, get_exercise
from grader.verdict import CheckResult, Counterexample, Verdict

from .class_setup import make_assignment

EX20 = get_exercise("20")
DUE = datetime(2026, 12, 1, 23, 59, tzinfo=UTC)


def _verdict(*statuses: str) -> Verdict:
    checks = [CheckResult(f"check {i}", s, counterexample=Counterexample("drop_keys({}, [])",
                                                                         "{}", "None")
                          if s == "fail" else None) for i, s in enumerate(statuses)]
    overall = "pass" if all(s == "pass" for s in statuses) else "fail"
    return Verdict("20", "exercise_20.py", overall, checks=checks, seed=EX20.seed)


def test_equal_split_keeps_thirds_exact():
    shares = score_checks(_verdict("pass", "fail", "pass"), EX20, 10, "equal")
    assert [s.max_points for s in shares] == [Fraction(10, 3)] * 3
    assert sum(s.points for s in shares) == Fraction(20, 3)
    assert format_points(sum(s.points for s in shares)) == "6.6667"


def test_all_or_nothing_gives_nothing_for_one_failure_and_everything_for_none():
    assert sum(s.points for s in score_checks(_verdict("pass", "fail"), EX20, 5,
                                              "all_or_nothing")) == 0
    assert sum(s.points for s in score_checks(_verdict("pass", "pass"), EX20, 5,
                                              "all_or_nothing")) == 5


def test_weights_come_from_the_exercise_metadata():
    weighted = dataclasses.replace(EX20, check_meta={"check 0": CheckMeta(3.0),
                                                     "check 1": CheckMeta(1.0)})
    shares = score_checks(_verdict("pass", "fail"), weighted, 2, "weights")
    assert [s.max_points for s in shares] == [Fraction(3, 2), Fraction(1, 2)]
    assert shares[0].points == Fraction(3, 2) and shares[1].points == 0


def test_an_ungradable_file_earns_nothing():
    broken = Verdict("20", "exercise_20.py", "error", error_kind="syntax")
    assert score_checks(broken, EX20, 10, "equal") == []


@pytest.mark.parametrize(("delta", "days"), [
    (timedelta(hours=-5), 0), (timedelta(0), 0), (timedelta(seconds=1), 1),
    (timedelta(hours=24), 1), (timedelta(hours=24, seconds=1), 2)])
def test_days_late_counts_each_started_day(delta, days):
    assert days_late(DUE + delta, DUE) == days
    assert days_late(DUE + delta, None) == 0


def test_penalty_per_day_then_cutoff():
    earned = Fraction(10, 3)
    assert late_penalty(earned, 0, 0.1, 2) == 0
    assert late_penalty(earned, 2, 0.1, 2) == Fraction(2, 3)
    assert late_penalty(earned, 3, 0.1, 2) == earned  # past the cutoff: nothing left
    assert late_penalty(earned, 20, 0.1, None) == earned  # never more than earned


@pytest.mark.parametrize(("value", "shown"), [(Fraction(10, 3), "3.3333"), (2.5, "2.5"),
                                              (5.0, "5"), (0.0, "0"), (Fraction(1, 8), "0.125")])
def test_points_are_shown_with_up_to_four_decimals(value, shown):
    assert format_points(value) == shown


def test_a_late_record_stores_points_penalty_and_final(tmp_path):
    folder = make_assignment(
        tmp_path / "week3", ["20"],
        extra="ASSIGNMENT:\n  EXERCISES: ['20']\n  POINTS: [5]\n"
              "LATE:\n  DUE: '2026-12-01T23:59:00+00:00'\n  PENALTY_PER_DAY: 0.25\n"
              "  CUTOFF_DAYS: 3\n")
    assignment = load_assignment(folder)
    student_file = StudentFile("s001", "20", "s001/exercise_20.py", b"x = 1\n",
                               DUE + timedelta(hours=30), tmp_path / "exercise_20.py")
    record = build_record(assignment, "s001", "Ada", EX20, student_file,
                          _verdict("pass", "pass", "fail"))
    assert record["points"] == 3.333333 and record["max_points"] == 5.0
    assert record["days_late"] == 2 and record["late_penalty"] == 1.666667
    assert record["final_points"] == 1.666667
    assert record["checks"][2]["counterexample"]["call"] == "drop_keys({}, [])"
    assert record["checks"][0]["max_points"] == 1.666667
    assert record["status"] == "graded" and record["verdict"] == "fail"
