"""What an exercise's ``checks.py`` uses: the check decorator, the submission handle, comparisons.

The judge runs in the supervisor only; it holds references and never imports student code.
"""

from grader.judge.check import check
from grader.judge.compare import expect, expect_close, expect_equal, expect_type, fail
from grader.judge.submission import CheckFailed, Submission, SubmissionBroken
from grader.wire import OneShot

__all__ = ["CheckFailed", "OneShot", "Submission", "SubmissionBroken", "check", "expect",
           "expect_close", "expect_equal", "expect_type", "fail"]
