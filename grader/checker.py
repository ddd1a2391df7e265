"""One warm checker: a zygote, the session's recorded examples, one grade at a time, cancel.

`grader watch`, the app, the check server, classroom grading and cluster workers all hold one.
Only the first check pays for the zygote's torch import and hypothesis' engine; later checks of
the same exercise replay recorded examples (see ``grader/judge/replay.py``). The judge's modules
are imported on the first check, not here, so a front end can build a Checker at start-up
without loading torch or hypothesis on its own thread.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from grader.exercise import Exercise
from grader.sandbox.host import Zygote
from grader.verdict import Verdict


class Checker:
    """Grades files against a warm zygote, one at a time.

    ``check(..., supersede=True)`` cancels the check that is running (and any waiting) so the
    newest one goes next: what the app does when F5 is pressed again. ``cancel()`` stops
    whatever runs now, from any thread; the cancelled call raises ``Cancelled``.
    """

    def __init__(self, preload: tuple[str, ...] = ("torch",), *, record: bool = True,
                 predraw: bool = False) -> None:
        """``record``: keep each check's examples for later grades (a warm process).
        ``predraw``: a forked copy draws later checks' examples while the first one runs
        (``grader/judge/predraw.py``): only for a one-off checker alone in its process."""
        self.zygote = Zygote(preload=preload)
        self._record = record
        self._predraw = predraw
        self._examples: Any = None  # RecordedExamples, made with the first check
        self._grading = threading.Lock()
        self._state = threading.Lock()
        self._pending: set[threading.Event] = set()

    def start(self) -> Checker:
        """Launch the zygote now (its torch import runs while the caller does other things)."""
        if not self.zygote.started:
            self.zygote.start()
        return self

    @property
    def examples(self) -> Any:
        """The recorded examples shared by this checker's grades (None when not recording)."""
        if self._examples is None and self._record:
            from grader.judge.replay import RecordedExamples

            self._examples = RecordedExamples()
        return self._examples

    def check(self, exercise: Exercise, submission_path: Path, cfg: Any, *,
              source: bytes | None = None, supersede: bool = False,
              **options: Any) -> Verdict:
        """Grade one file (``source``: its bytes, when they are not on disk). ``options`` go to
        ``grader.judge.runner.grade`` (``only``, ``stop_at_first_failure``)."""
        from grader.judge.runner import grade

        cancel = threading.Event()
        with self._state:
            if supersede:
                for other in self._pending:
                    other.set()
            self._pending.add(cancel)
        try:
            with self._grading:
                if cancel.is_set():
                    from grader.channel import Cancelled

                    raise Cancelled
                return grade(exercise, submission_path, self.start().zygote, cfg, source=source,
                             examples=self.examples, cancel=cancel, predraw=self._predraw,
                             **options)
        finally:
            with self._state:
                self._pending.discard(cancel)

    def record_ahead(self, exercise: Exercise, cfg: Any) -> int:
        """Draw the examples of ``exercise``'s checks now (idle time), so its first grade
        replays them. Gives way to grades: it stops between checks as soon as one waits.
        Returns how many checks it recorded."""
        if self.examples is None:
            return 0
        with self._grading:
            return self.examples.record(exercise, cfg, should_stop=lambda: bool(self._pending))

    def cancel(self) -> None:
        """Stop the running check (and any waiting); each raises ``Cancelled``."""
        with self._state:
            for event in self._pending:
                event.set()

    def close(self) -> None:
        """Cancel what runs, then stop the zygote and every worker it forked."""
        self.cancel()
        self.zygote.close()

    def __enter__(self) -> Checker:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
