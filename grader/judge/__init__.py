"""The public API for exercise authors: everything a ``checks.py`` may import from grader.

The check decorator, the submission handle, comparisons, learner-readable descriptions of
values and calls, and ``Raised`` (what ``Submission.outcome`` returns when the student's code
raised). An exercise that imports anything else from ``grader`` fails the test suite
(``tests/exercises/test_public_api.py``); see ``exercises/README.md``. The judge runs in the
supervisor only; it holds references and never imports student code.
"""

from grader.judge.check import check
from grader.judge.compare import expect, expect_close, expect_equal, expect_type, fail
from grader.judge.describe import describe, describe_call
from grader.judge.submission import CheckFailed, Submission, SubmissionBroken
from grader.sandbox.host import Raised
from grader.wire import OneShot, ReadOnlyMapping

__all__ = ["CheckFailed", "OneShot", "Raised", "ReadOnlyMapping", "Submission",
           "SubmissionBroken", "check", "describe", "describe_call", "expect", "expect_close",
           "expect_equal", "expect_type", "fail"]
