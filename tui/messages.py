"""Messages the app's background workers post back to the UI thread."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from grader.verdict import Verdict


@dataclass
class CheckFinished(Message):
    """A check ran to the end and its record is in the log; the UI shows the verdict."""

    exercise_id: str
    verdict: Verdict
