"""The app's one warm sandbox: started off the UI thread, shared by every check, closed on exit."""

from __future__ import annotations

import threading

from grader.sandbox.host import SandboxError, Zygote


class Sandbox:
    """Owns the zygote so that a check pays for a fork (milliseconds), not an ``import torch``.

    Grading runs one at a time through ``grading``: a superseded check is cancelled (its
    worker killed) and the next one waits for it to let go rather than racing it. ``examples``
    holds each check's recorded examples for the session, so a re-check replays them instead
    of running hypothesis again (set once the judge's imports are warm, off the UI thread).
    """

    def __init__(self, preload: tuple[str, ...]) -> None:
        self._zygote = Zygote(preload=preload)
        self._life = threading.Lock()  # start and close never interleave
        self._started = threading.Event()
        self._closed = False
        self.grading = threading.Lock()
        self.examples = None  # a grader.judge.replay.RecordedExamples, once imported

    def start(self) -> None:
        """Launch the zygote process (it imports torch on its own, in parallel with us)."""
        with self._life:
            try:
                if not self._closed:
                    self._zygote.start()
            finally:
                self._started.set()

    def zygote(self) -> Zygote:
        """The started zygote; waits for ``start`` so a check pressed at once still works."""
        self._started.wait()
        if self._closed:
            raise SandboxError("the app is closing; the sandbox is shut down")
        return self._zygote

    def close(self, *, wait: bool = True) -> None:
        """Stop the zygote and every worker it forked; safe to call more than once.

        ``wait=False`` hands the wind-down (most of a second with torch loaded) to a thread, so
        quitting gives the terminal back at once; the interpreter still waits for it at exit.
        """
        self._closed = True
        self._started.set()
        if wait:
            self._close_now()
        else:
            threading.Thread(target=self._close_now, name="grader-sandbox-close").start()

    def _close_now(self) -> None:
        with self._life:
            self._zygote.close()

    @property
    def closed(self) -> bool:
        return self._closed
