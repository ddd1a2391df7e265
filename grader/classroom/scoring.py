"""Points from a verdict: how an exercise's points split over its checks, and the late policy.

Computed with ``fractions.Fraction`` so 10 points over 3 checks stay 10/3 each until they are
stored (floats rounded to 6 decimals) or shown (up to 4 decimals, trailing zeros trimmed).
Never rounded to whole points.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime, timedelta
from fractions import Fraction

from grader.exercise import Exercise
from grader.verdict import Verdict


@dataclass(frozen=True)
class CheckPoints:
    name: str
    weight: float
    points: Fraction
    max_points: Fraction


def score_checks(verdict: Verdict, exercise: Exercise, max_points: float,
                 split: str) -> list[CheckPoints]:
    """Each check's share of ``max_points`` and what it earned.

    ``equal``: the same share each. ``weights``: shares in proportion to exercise.toml's
    per-check weights (all zero: equal). ``all_or_nothing``: the same shares, but a check earns
    its share only when every check passed. A verdict with no checks (could not be graded)
    earns nothing."""
    checks = verdict.checks
    if not checks:
        return []
    total = Fraction(str(max_points))
    weights = [Fraction(str(exercise.meta_of(c.name).weight)) if split == "weights" else Fraction(1)
               for c in checks]
    if sum(weights) == 0:
        weights = [Fraction(1)] * len(checks)
    whole = sum(weights)
    everything_passed = verdict.status == "pass" and all(c.status == "pass" for c in checks)
    scored = []
    for check, weight in zip(checks, weights, strict=True):
        share = total * weight / whole
        earned = share if check.status == "pass" else Fraction(0)
        if split == "all_or_nothing" and not everything_passed:
            earned = Fraction(0)
        scored.append(CheckPoints(check.name, float(weight), earned, share))
    return scored


def days_late(submitted_at: datetime | None, due: datetime | None) -> int:
    """Whole days (or parts of a day) after the due date; 0 when on time or unknown."""
    if submitted_at is None or due is None or submitted_at <= due:
        return 0
    return math.ceil((submitted_at - due) / timedelta(days=1))


def late_penalty(earned: Fraction, days: int, penalty_per_day: float,
                 cutoff_days: int | None) -> Fraction:
    """The points taken off: a fraction of the earned points per day late, all of them past
    the cutoff (and never more than was earned)."""
    if days <= 0:
        return Fraction(0)
    if cutoff_days is not None and days > cutoff_days:
        return earned
    return min(earned, earned * Fraction(str(penalty_per_day)) * days)


def stored(value: Fraction | float) -> float:
    """How points are stored in the gradebook: a float rounded to 6 decimals."""
    return round(float(value), 6)


def format_points(value: Fraction | float) -> str:
    """Up to 4 decimals, trailing zeros trimmed: 3.3333, 2.5, 5 (never rounded to integers
    unless it is one)."""
    text = f"{float(value):.4f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text
