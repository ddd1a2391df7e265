"""One grading run: read the file, load it in a worker, run every check, return a Verdict.

Each check gets a fresh worker (so state left by one check cannot help or hurt another) and a
hypothesis run with explicit settings and an explicit seed: the same submission gets the same
verdict and the same counterexample every time, whatever the environment (CI=true included).
A warm process passes the same ``RecordedExamples`` to every grade: checks then replay the
examples of an earlier passing run instead of running hypothesis' engine again, with the
same verdict (see ``replay.py``). A ``cancel`` event set from another thread stops a grade
within a few hundredths of a second with ``Cancelled`` and kills its worker.
"""

from __future__ import annotations

import hashlib
import sys
import threading
import time
from pathlib import Path
from typing import Any

import hypothesis
from hypothesis.errors import HypothesisException

import grader
from grader.channel import Cancelled
from grader.exercise import Exercise
from grader.judge.check import CheckSpec
from grader.judge.predraw import Predrawn
from grader.judge.replay import (
    Diverged,
    RecordedExamples,
    Transcript,
    check_keys,
    observing,
    plan,
    replay,
)
from grader.judge.submission import CheckFailed, Submission, SubmissionBroken
from grader.sandbox.host import Worker, Zygote
from grader.sandbox.limits import Limits
from grader.verdict import CheckResult, Counterexample, Verdict

__all__ = ["Cancelled", "RecordedExamples", "grade"]  # what the CLI and the app use


def grade(exercise: Exercise, submission_path: Path, zygote: Zygote, cfg, *,
          source: bytes | None = None,
          stop_at_first_failure: bool = False, only: set[str] | None = None,
          examples: RecordedExamples | None = None,
          cancel: threading.Event | None = None, predraw: bool = False) -> Verdict:
    """Grade one file. ``stop_at_first_failure`` skips the remaining checks once one fails
    (mutation testing only needs to know that something caught the mutant); ``only`` runs
    just the named checks (proving a wrong variant needs just the check that names it).

    ``source``: the file's bytes when they do not come from disk (a zip, another machine);
    ``submission_path`` then only names it. ``examples``: the warm process' recorded
    examples, read and added to (same verdicts, faster re-grades). ``cancel``: once set
    (from another thread), the grade raises ``Cancelled`` within a few hundredths of a
    second, its worker killed; the zygote stays usable. ``predraw``: a forked copy draws the
    later checks' examples while the first runs (``predraw.py``): for a cold check alone on
    the machine, never in a process with other threads."""
    started = time.monotonic()
    _prime_hypothesis()
    verdict = Verdict(exercise_id=exercise.id, submission=str(submission_path), status="error",
                      seed=exercise.seed, hypothesis_version=hypothesis.__version__,
                      grader_version=grader.__version__)
    if source is None:
        try:
            source = submission_path.read_bytes()
        except OSError as exc:
            verdict.message = f"cannot read {submission_path}: {exc.strerror}"
            verdict.error_kind = "unreadable"
            return verdict
    verdict.submission_sha256 = hashlib.sha256(source).hexdigest()
    problem = _static_problem(source, submission_path.name)
    if problem is not None:
        verdict.error_kind, verdict.message, verdict.line = problem
        verdict.duration_s = time.monotonic() - started
        return verdict

    # The checks (and the torch they import) load before the worker opens: the zygote's own
    # torch import, started with the checker, runs meanwhile instead of before them.
    checks = [entry for entry in check_keys(exercise, cfg)
              if only is None or entry[1].name in only]
    _single_threaded_torch()  # after the checks: they may have imported torch just now
    deadline = started + cfg.CHECK.RUN_TIMEOUT
    predrawn = Predrawn(checks, cfg.CHECK.RUN_TIMEOUT) if predraw else None
    worker = Worker(zygote, source, exercise.module_name, submission_path.name,
                    limits=Limits.from_config(cfg), probes_source=exercise.probes_source(),
                    required=[name.to_wire() for name in exercise.api],
                    sandbox=bool(cfg.SANDBOX.NAMESPACES), data=_shipped_data(exercise),
                    cancel=cancel)
    try:
        with worker:
            opened = worker.open(cfg.CHECK.IMPORT_TIMEOUT)
            if opened is not None:
                verdict.error_kind = opened.kind if opened.kind in _OPEN_KINDS else "import"
                verdict.message = opened.message
                if opened.traceback:
                    verdict.message += "\n" + opened.traceback
                verdict.line = opened.line
                if opened.output:
                    verdict.checks.append(CheckResult("output while importing", "error",
                                                      output=opened.output))
                return verdict
            for position, (key, spec, seed, _) in enumerate(checks):
                if cancel is not None and cancel.is_set():
                    raise Cancelled
                if time.monotonic() - started > cfg.CHECK.RUN_TIMEOUT:
                    verdict.checks.append(CheckResult(
                        spec.name, "error",
                        f"not run: the whole run took over {cfg.CHECK.RUN_TIMEOUT:g} s"))
                    continue
                if position > 0:
                    reopened = worker.open(cfg.CHECK.IMPORT_TIMEOUT)
                    if reopened is not None:
                        verdict.checks.append(CheckResult(spec.name, "error", reopened.message))
                        continue
                if position + 1 < len(checks):
                    worker.prefetch()  # the next check's process imports while this one runs
                recorded = examples
                if predrawn is not None and position > 0:
                    recorded = predrawn.examples_for(key, deadline) or examples
                verdict.checks.append(_run_check(spec, worker, seed, cfg, deadline, recorded,
                                                 key))
                if stop_at_first_failure and verdict.checks[-1].status != "pass":
                    break
    finally:
        if predrawn is not None:
            predrawn.close()
        verdict.duration_s = time.monotonic() - started
        if verdict.checks and not verdict.message:
            _summarise(verdict)
    return verdict


def _shipped_data(exercise: Exercise) -> list[str]:
    """What the worker may read besides Python: the exercise's own ``data/`` folder, when it
    ships one. Nothing else of the exercises, the workspace or the class (the sandbox is an
    allowlist: see ``grader/sandbox/view.py``)."""
    folder = exercise.folder / "data"
    return [str(folder.resolve())] if folder.is_dir() else []


def _summarise(verdict: Verdict) -> None:
    failed = [c for c in verdict.checks if c.status != "pass"]
    if not failed:
        verdict.status = "pass"
        verdict.message = f"all {len(verdict.checks)} checks passed"
    else:
        verdict.status = "fail"
        verdict.message = f"{len(failed)} of {len(verdict.checks)} checks failed"


_OPEN_KINDS = ("import", "missing", "signature", "timeout", "crash", "protocol")


def _static_problem(source: bytes, file_name: str) -> tuple[str, str, int | None] | None:
    """Problems visible without running anything: empty, not UTF-8, not Python.
    Returns (error kind, message, line)."""
    if not source.strip():
        return "empty", f"{file_name} is empty: start from the starter file (`grader reset`)", None
    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = source[: exc.start].count(b"\n") + 1
        return ("encoding", f"{file_name} is not UTF-8 text (bad byte at line {line}); "
                "save it as UTF-8 in your editor", line)
    try:
        compile(text, file_name, "exec", dont_inherit=True)
    except SyntaxError as exc:
        lineno = exc.lineno or 0
        shown = (exc.text or "").rstrip("\n")
        caret = ""
        if exc.offset and shown:
            caret = "\n    " + " " * (max(exc.offset, 1) - 1) + "^"
        code = f"\n    {shown}{caret}" if shown else ""
        return "syntax", f"{file_name}, line {lineno}: {exc.msg}{code}", lineno
    except ValueError as exc:  # e.g. NUL bytes
        return "syntax", f"{file_name} cannot be compiled: {exc}", None
    return None


_primed = threading.local()


def _prime_hypothesis() -> None:
    """Before a thread's first test, hypothesis sets up its PRNG with a full ``gc.collect()``:
    ~0.1 s once torch is loaded, ~1 ms before. A cold check gets here before its checks
    import torch, so it runs a trivial test now."""
    if getattr(_primed, "done", False):
        return
    from hypothesis import HealthCheck, Phase, given, settings
    from hypothesis import strategies as st

    @settings(max_examples=1, database=None, deadline=None, phases=(Phase.generate,),
              suppress_health_check=list(HealthCheck))
    @given(st.none())
    def nothing(_: None) -> None:
        pass

    nothing()
    _primed.done = True


def _single_threaded_torch() -> None:
    """Tiny tensors are slower on many threads, and a loaded 2-core machine makes it worse."""
    torch = sys.modules.get("torch")
    if torch is not None and torch.get_num_threads() != 1:
        torch.set_num_threads(1)


def _run_check(spec: CheckSpec, worker: Worker, seed: int, cfg, deadline: float,
               examples: RecordedExamples | None, key: tuple) -> CheckResult:
    """One check: a replay of its recorded examples where there are some, else (or when one
    of them turns out differently) the full hypothesis run."""
    recorded = examples.get(key) if examples is not None and spec.strategies else None
    record = examples is not None and bool(spec.strategies) and not examples.knows(key)
    handle: Any = worker
    if recorded is not None:
        transcript = Transcript(worker, plan(recorded))
        submission = _submission(transcript, cfg, deadline)
        observed = replay(spec, submission, transcript, recorded)
        if observed is not None:
            examples.keep(key, observed, transcript.events)  # the answers that passed now
            return _finish(CheckResult(spec.name, "pass"), submission, cfg)
        record = True  # should the full run pass, what it saw replaces the recording
        if transcript.ahead:
            # The worker ran calls the full run will not make in that order: start afresh.
            reopened = worker.open(cfg.CHECK.IMPORT_TIMEOUT)
            if reopened is not None:
                return CheckResult(spec.name, "error", reopened.message)
        else:
            handle = transcript.rerun()
    try:
        return _full_run(spec, handle, seed, cfg, deadline, examples if record else None, key)
    except Diverged:
        # The re-run left the transcript's path (a check that is not deterministic): start
        # over on a fresh worker, without the transcript.
        reopened = worker.open(cfg.CHECK.IMPORT_TIMEOUT)
        if reopened is not None:
            return CheckResult(spec.name, "error", reopened.message)
        return _full_run(spec, worker, seed, cfg, deadline, examples if record else None, key)


def _full_run(spec: CheckSpec, handle, seed: int, cfg, deadline: float,
              record_in: RecordedExamples | None, key: tuple) -> CheckResult:
    observed: list = []
    transcript = None
    body = spec.function
    if record_in is not None:
        transcript = Transcript(handle)
        handle = transcript
        body = observing(spec.function, spec.strategies, observed, transcript)
    submission = _submission(handle, cfg, deadline)
    result = CheckResult(spec.name, "pass")
    try:
        with submission:
            if spec.strategies:
                spec.property_test(spec.max_examples or cfg.CHECK.MAX_EXAMPLES, seed,
                                   body)(submission)
            else:
                spec.function(submission)
    except SubmissionBroken as broken:
        first = submission.broken or broken
        result = _failed(spec, first)
    except CheckFailed as failed:
        result = _failed(spec, failed)
    except HypothesisException as exc:
        result = CheckResult(spec.name, "error", f"the check could not run: {exc}")
    except Exception as exc:  # a bug in the check itself, not the learner's fault
        result = CheckResult(spec.name, "error",
                             f"internal error in this check ({type(exc).__name__}: {exc}); "
                             "please report it")
    if transcript is not None and result.status == "pass":
        record_in.keep(key, observed, transcript.events)
    return _finish(result, submission, cfg)


def _submission(handle, cfg, deadline: float) -> Submission:
    return Submission(handle, call_timeout=cfg.CHECK.CALL_TIMEOUT,
                      import_timeout=cfg.CHECK.IMPORT_TIMEOUT, deadline=deadline)


def _finish(result: CheckResult, submission: Submission, cfg) -> CheckResult:
    result.examples = submission.calls
    result.output = _cap("".join(submission.output), cfg.CHECK.OUTPUT_CAP)
    return result


def _failed(spec: CheckSpec, failed: CheckFailed) -> CheckResult:
    counterexample = None
    if failed.call or failed.expected or failed.got:
        counterexample = Counterexample(failed.call or "", failed.expected, failed.got)
    return CheckResult(spec.name, "fail", failed.message, counterexample)


def _cap(text: str, cap: int) -> str:
    """The first and the last part of what a check printed (the start says what began, the
    end what happened last), with how much was cut between them."""
    if len(text) <= cap:
        return text
    head = text[: cap // 2]
    tail = text[len(text) - cap // 2:]
    return f"{head}\n[output truncated: {len(text) - len(head) - len(tail)} characters cut]\n{tail}"
