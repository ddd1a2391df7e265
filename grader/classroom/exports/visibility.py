"""Who may see a check's details: ``visible`` always, ``hidden`` never (pass/fail only),
``after_due_date`` once the assignment's due date has passed.

Every export that a student reads goes through :func:`student_view`, so a hidden check's
counterexample never reaches a feedback file, a GitHub log or a PrairieLearn page.
"""

from __future__ import annotations

from datetime import datetime

DETAIL_FIELDS = ("message", "counterexample", "output")


def details_shown(visibility: str, due: datetime | None, now: datetime) -> bool:
    """``after_due_date`` with no due date stays withheld: nothing says when to release it."""
    if visibility == "hidden":
        return False
    if visibility == "after_due_date":
        return due is not None and now >= due
    return True


def student_view(check: dict, due: datetime | None, now: datetime) -> dict:
    """A copy of a gradebook check with its details removed where the student may not see
    them yet; ``withheld`` says why ("hidden" or "after_due_date"), absent when shown."""
    visibility = check.get("visibility") or "visible"
    view = dict(check)
    if details_shown(visibility, due, now):
        return view
    for name in DETAIL_FIELDS:
        view.pop(name, None)
    view["withheld"] = visibility
    return view
