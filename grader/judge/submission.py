"""The checks' handle on a submission: call its functions in the worker, get plain values back.

A check never touches the student's objects, only decoded copies. Every call is remembered so
a failure can show the learner the exact call that went wrong.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from grader.judge.describe import describe_call
from grader.sandbox.host import Raised, Worker, WorkerFailure

MAX_RESTARTS = 20


class CheckFailed(AssertionError):
    """A promise of the exercise was broken; carries what the learner needs to see."""

    def __init__(self, message: str, *, expected: str | None = None, got: str | None = None,
                 call: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.expected = expected
        self.got = got
        self.call = call if call is not None else _current_call()


class SubmissionBroken(CheckFailed):
    """The submission's process timed out, crashed or sent garbage."""


_ACTIVE: list[Submission] = []


def _current_call() -> str | None:
    return _ACTIVE[-1].last_call if _ACTIVE else None


@dataclass
class Submission:
    worker: Worker
    call_timeout: float
    import_timeout: float
    _last: tuple | None = None  # (name, args, kwargs, probe): described only when needed
    calls: int = 0
    output: list[str] = field(default_factory=list)
    broken: SubmissionBroken | None = None
    restarts: int = 0
    deadline: float | None = None  # time.monotonic() after which no call is started

    def __repr__(self) -> str:
        # Hypothesis prints the arguments of explicit examples; keep that cheap.
        return "<submission>"

    def _repr_pretty_(self, printer, cycle: bool) -> None:
        # Hypothesis' own printer would spell out the dataclass (addresses, deadlines) in a
        # flaky-test message: the same submission would get a different message each run.
        printer.text("<submission>")

    @property
    def last_call(self) -> str | None:
        """The most recent call as the learner would type it (built lazily: most calls pass)."""
        if self._last is None:
            return None
        name, args, kwargs, probe = self._last
        return describe_call(name, args, kwargs, probe=probe)

    def __enter__(self) -> Submission:
        _ACTIVE.append(self)
        return self

    def __exit__(self, *exc: object) -> None:
        _ACTIVE.remove(self)

    def call(self, func: str, *args: Any, **kwargs: Any) -> Any:
        """Call the student's function; a raised exception fails the check."""
        reply = self._send(func, args, kwargs, probe=False)
        if reply.raised is not None:
            raise CheckFailed(_raised_text(func, reply.raised), got=_raised_short(reply.raised))
        return reply.value

    def probe(self, name: str, *args: Any, shown_as: str | None = None, **kwargs: Any) -> Any:
        """Run the exercise's probe in the worker; exceptions from student code fail the check.

        ``shown_as`` names the learner's function the probe calls, so a failure shows
        ``drop_keys({}, [0])`` rather than the probe's own name.
        """
        reply = self._send(name, args, kwargs, probe=True, shown_as=shown_as)
        if reply.raised is not None:
            raise CheckFailed(f"your code raised {_raised_short(reply.raised)}"
                              + _where(reply.raised), got=_raised_short(reply.raised))
        return reply.value

    def outcome(self, func: str, *args: Any, **kwargs: Any) -> Raised | tuple[Any]:
        """Call and return either the exception description or a 1-tuple holding the value."""
        reply = self._send(func, args, kwargs, probe=False)
        return reply.raised if reply.raised is not None else (reply.value,)

    def raises(self, exception: str, func: str, *args: Any, **kwargs: Any) -> Raised:
        """Expect the call to raise ``exception`` (by name, subclasses count)."""
        outcome = self.outcome(func, *args, **kwargs)
        if isinstance(outcome, Raised):
            if outcome.is_a(exception):
                return outcome
            raise CheckFailed(f"expected {exception}, but it raised {_raised_short(outcome)}"
                              + _where(outcome), expected=exception,
                              got=_raised_short(outcome))
        from grader.judge.describe import describe

        raise CheckFailed(f"expected {exception} to be raised, but it returned a value",
                          expected=f"raises {exception}", got=describe(outcome[0]))

    def over_time(self) -> bool:
        """Whether the run's deadline has passed (no further call may start)."""
        return self.deadline is not None and time.monotonic() > self.deadline

    def answered(self, outputs: list[str]) -> None:
        """Count calls a replay made for the check, with the output each printed."""
        self.calls += len(outputs)
        self.output.extend(output for output in outputs if output)

    def _send(self, func: str, args: tuple, kwargs: dict, *, probe: bool,
              shown_as: str | None = None):
        self._last = (shown_as or func, args, kwargs, probe and not shown_as)
        if self.broken is not None:
            raise self.broken
        if self.over_time():
            self.broken = SubmissionBroken(
                "the whole run took longer than its time limit (CHECK.RUN_TIMEOUT); "
                "is your code very slow?", call=self.last_call)
            raise self.broken
        self.calls += 1
        try:
            reply = self.worker.call(func, args, kwargs, probe=probe, timeout=self.call_timeout)
        except WorkerFailure as failure:
            broken = SubmissionBroken(f"{self.last_call} {failure.message}",
                                      call=self.last_call)
            if failure.output:
                self.output.append(failure.output)
            if failure.kind == "timeout" or self.restarts >= MAX_RESTARTS:
                # Each further call would cost a whole timeout: report this one and stop.
                self.broken = broken
            else:
                self.restarts += 1
                problem = self.worker.open(self.import_timeout)
                if problem is not None:
                    self.broken = broken
            raise broken from None
        if reply.output:
            self.output.append(reply.output)
        return reply


def _raised_short(raised: Raised) -> str:
    return f"{raised.type}: {raised.message}" if raised.message else raised.type


def _where(raised: Raised) -> str:
    return f"\n{raised.traceback}" if raised.traceback else ""


def _raised_text(func: str, raised: Raised) -> str:
    return f"{func} raised {_raised_short(raised)}" + _where(raised)
