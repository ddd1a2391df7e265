"""Runs quiz snippets in the sandbox: one worker for a whole quiz, many snippets per call.

The worker imports a tiny runner module; ``run_snippets`` execs each snippet with stdout
captured and sends back plain data: what it printed, or the name of the exception it raised.
"""

from __future__ import annotations

from grader.quiz.answers import raised
from grader.sandbox.host import Worker, WorkerFailure, Zygote
from grader.sandbox.limits import Limits

RUNNER_SOURCE = b'''
import contextlib
import io
import logging


def run_snippets(snippets):
    return [_run(code) for code in snippets]


def _run(code):
    # Snippets share one process: undo what they do to logging so each starts clean.
    known = set(logging.Logger.manager.loggerDict)
    root_handlers, root_level = list(logging.root.handlers), logging.root.level
    buffer = io.StringIO()
    try:
        with contextlib.redirect_stdout(buffer):
            exec(compile(code, "<snippet>", "exec"), {"__name__": "__snippet__"})
    except Exception as exc:
        return ["raises", type(exc).__name__, buffer.getvalue()]
    finally:
        for name in set(logging.Logger.manager.loggerDict) - known:
            del logging.Logger.manager.loggerDict[name]
        logging.root.handlers[:] = root_handlers
        logging.root.setLevel(root_level)
    return ["prints", buffer.getvalue()]
'''
MODULE = "quiz_runner"


class SnippetError(Exception):
    """The sandbox gave no usable result for a batch of snippets."""


def outcome_text(result: list) -> str:
    """What a learner would see: the printed text, or ``raises Name``."""
    if result[0] == "raises":
        return raised(str(result[1]))
    return str(result[1]).strip()


class SnippetRunner:
    """A warm worker that runs snippets; start it early, it pays the torch import in the
    background."""

    def __init__(self, limits: Limits, zygote: Zygote | None = None) -> None:
        """``limits``: from the workspace's settings (``Limits.from_config``), as for checks."""
        self._own_zygote = zygote is None
        self.zygote = zygote or Zygote(preload=("torch",))
        self.limits = limits
        self.worker: Worker | None = None

    def start(self) -> SnippetRunner:
        if self._own_zygote and not self.zygote.started:
            self.zygote.start()
        return self

    def run(self, snippets: list[str], timeout: float = 120.0) -> list[str]:
        """The outcome text of each snippet, in order."""
        if not snippets:
            return []
        if self.worker is None:
            self.worker = Worker(self.zygote, RUNNER_SOURCE, MODULE, "quiz snippet",
                                 limits=self.limits)
            failure = self.worker.open(timeout=30)
            if failure is not None:
                self.worker.close()
                self.worker = None
                raise SnippetError(f"the quiz runner did not start: {failure.message}")
        try:
            reply = self.worker.call("run_snippets", (list(snippets),), timeout=timeout)
        except WorkerFailure as exc:
            self.worker.close()
            self.worker = None
            raise SnippetError(f"running the quiz snippets failed: {exc.message}") from None
        if not reply.ok or not isinstance(reply.value, list) or len(reply.value) != len(snippets):
            raise SnippetError("the quiz runner sent back no usable result")
        return [outcome_text(result) for result in reply.value]

    def close(self) -> None:
        if self.worker is not None:
            self.worker.close()
            self.worker = None
        if self._own_zygote:
            self.zygote.close()

    def __enter__(self) -> SnippetRunner:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.close()
