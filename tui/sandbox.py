"""The app's one warm ``grader.checker.Checker``: started off the UI thread, shared by every
check and by the quiz's code questions, closed on exit."""

from __future__ import annotations

import threading
from pathlib import Path

from grader import actions
from grader.checker import Checker
from grader.exercise import Exercise
from grader.sandbox.host import SandboxError, Zygote
from grader.verdict import Verdict
from grader.workspace import Workspace


class Sandbox:
    """Holds the Checker so that a check pays for a fork (milliseconds), not an ``import
    torch``; re-checks replay the session's recorded examples.

    A check supersedes the one running (its worker is killed, it raises ``Cancelled`` and
    logs nothing). ``grading`` is a gate every check passes just before it starts: holding it
    keeps a check from starting (tests look at the moment between the key and the verdict)
    without stopping a newer check from cancelling an older one.
    """

    def __init__(self, preload: tuple[str, ...]) -> None:
        self.checker = Checker(preload=preload)
        self._life = threading.Lock()  # start and close never interleave
        self._started = threading.Event()
        self._closed = False
        self.grading = threading.Lock()

    def start(self) -> None:
        """Launch the zygote (it imports torch on its own, in parallel with us), then warm the
        judge's imports (hypothesis) so the first check does not pay for them."""
        with self._life:
            try:
                if not self._closed:
                    self.checker.start()
            finally:
                self._started.set()
        if not self._closed:
            _ = self.checker.examples  # imports grader.judge.replay, hence hypothesis

    def zygote(self) -> Zygote:
        """The started zygote; waits for ``start`` so a check pressed at once still works."""
        self._started.wait()
        if self._closed:
            raise SandboxError("the app is closing; the sandbox is shut down")
        return self.checker.zygote

    def check(self, workspace: Workspace, exercise: Exercise, submission_path: Path) -> Verdict:
        """Grade and log one file (``grader.actions.check``), superseding a running check."""
        self.zygote()
        with self.grading:
            pass
        return actions.check(workspace, exercise, submission_path, workspace.cfg, self.checker,
                             supersede=True)

    def close(self, *, wait: bool = True) -> None:
        """Stop the running check now, then the zygote and every worker it forked; safe to
        call more than once.

        ``wait=False`` hands the wind-down (most of a second with torch loaded) to a thread, so
        quitting gives the terminal back at once; the interpreter still waits for it at exit.
        """
        self._closed = True
        self._started.set()
        self.checker.cancel()
        if wait:
            self._close_now()
        else:
            threading.Thread(target=self._close_now, name="grader-sandbox-close").start()

    def _close_now(self) -> None:
        with self._life:
            self.checker.close()

    @property
    def closed(self) -> bool:
        return self._closed
