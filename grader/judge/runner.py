"""One grading run: read the file, load it in a worker, run every check, return a Verdict.

Each check gets a fresh worker (so state left by one check cannot help or hurt another) and a
hypothesis run with explicit settings and an explicit seed: the same submission gets the same
verdict and the same counterexample every time, whatever the environment (CI=true included).
"""

from __future__ import annotations

import hashlib
import sys
import time
from pathlib import Path

import hypothesis
from hypothesis import HealthCheck, Phase, Verbosity, given, settings
from hypothesis.errors import HypothesisException

import grader
from grader.content import data_root, exercises_root
from grader.exercise import Exercise
from grader.judge.check import CheckSpec
from grader.judge.submission import CheckFailed, Submission, SubmissionBroken
from grader.sandbox.host import Worker, Zygote
from grader.sandbox.limits import Limits
from grader.verdict import CheckResult, Counterexample, Verdict


def limits_from(cfg) -> Limits:
    return Limits(cpu_seconds=int(cfg.SANDBOX.CPU_SECONDS), memory_mb=int(cfg.SANDBOX.MEMORY_MB),
                  file_size_mb=int(cfg.SANDBOX.FILE_SIZE_MB),
                  open_files=int(cfg.SANDBOX.OPEN_FILES), processes=int(cfg.SANDBOX.PROCESSES))


def grade(exercise: Exercise, submission_path: Path, zygote: Zygote, cfg, *,
          stop_at_first_failure: bool = False, only: set[str] | None = None) -> Verdict:
    """Grade one file. ``stop_at_first_failure`` skips the remaining checks once one fails
    (mutation testing only needs to know that something caught the mutant); ``only`` runs
    just the named checks (proving a wrong variant needs just the check that names it)."""
    started = time.monotonic()
    _single_threaded_torch()
    verdict = Verdict(exercise_id=exercise.id, submission=str(submission_path), status="error",
                      seed=exercise.seed, hypothesis_version=hypothesis.__version__,
                      grader_version=grader.__version__)
    try:
        source = submission_path.read_bytes()
    except OSError as exc:
        verdict.message = f"cannot read {submission_path}: {exc.strerror}"
        return verdict
    verdict.submission_sha256 = hashlib.sha256(source).hexdigest()
    problem = _static_problem(source, submission_path.name)
    if problem is not None:
        verdict.message, verdict.line = problem
        verdict.duration_s = time.monotonic() - started
        return verdict

    worker = Worker(zygote, source, exercise.module_name, submission_path.name,
                    limits=limits_from(cfg), probes_source=exercise.probes_source(),
                    required=[name.to_wire() for name in exercise.api],
                    hide=_hidden_folders(submission_path) if cfg.SANDBOX.NAMESPACES else None)
    try:
        with worker:
            opened = worker.open(cfg.CHECK.IMPORT_TIMEOUT)
            if opened is not None:
                verdict.message = opened.message
                if opened.traceback:
                    verdict.message += "\n" + opened.traceback
                verdict.line = opened.line
                if opened.output:
                    verdict.checks.append(CheckResult("output while importing", "error",
                                                      output=opened.output))
                return verdict
            specs = [(i, spec) for i, spec in enumerate(exercise.checks())
                     if only is None or spec.name in only]
            for position, (index, spec) in enumerate(specs):
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
                verdict.checks.append(_run_check(spec, worker, exercise.seed + index, cfg,
                                                 started + cfg.CHECK.RUN_TIMEOUT))
                if stop_at_first_failure and verdict.checks[-1].status != "pass":
                    break
    finally:
        verdict.duration_s = time.monotonic() - started
        if verdict.checks and not verdict.message:
            _summarise(verdict)
    return verdict


def _hidden_folders(submission_path: Path) -> list[str]:
    """What the worker must not see: every exercise's reference and checks, the shipped data,
    and the folder the submission came from (a class's other files)."""
    folders = [exercises_root(), data_root(), submission_path.resolve().parent]
    return [str(f.resolve()) for f in folders]


def _summarise(verdict: Verdict) -> None:
    failed = [c for c in verdict.checks if c.status != "pass"]
    if not failed:
        verdict.status = "pass"
        verdict.message = f"all {len(verdict.checks)} checks passed"
    else:
        verdict.status = "fail"
        verdict.message = f"{len(failed)} of {len(verdict.checks)} checks failed"


def _static_problem(source: bytes, file_name: str) -> tuple[str, int | None] | None:
    """Problems visible without running anything: empty, not UTF-8, not Python."""
    if not source.strip():
        return f"{file_name} is empty: start from the starter file (`grader reset`)", None
    try:
        text = source.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = source[: exc.start].count(b"\n") + 1
        return (f"{file_name} is not UTF-8 text (bad byte at line {line}); "
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
        return f"{file_name}, line {lineno}: {exc.msg}{code}", lineno
    except ValueError as exc:  # e.g. NUL bytes
        return f"{file_name} cannot be compiled: {exc}", None
    return None


def _single_threaded_torch() -> None:
    """Tiny tensors are slower on many threads, and a loaded 2-core machine makes it worse."""
    torch = sys.modules.get("torch")
    if torch is not None and torch.get_num_threads() != 1:
        torch.set_num_threads(1)


def _run_check(spec: CheckSpec, worker: Worker, seed: int, cfg, deadline: float) -> CheckResult:
    submission = Submission(worker, call_timeout=cfg.CHECK.CALL_TIMEOUT,
                            import_timeout=cfg.CHECK.IMPORT_TIMEOUT, deadline=deadline)
    result = CheckResult(spec.name, "pass")
    try:
        with submission:
            if spec.strategies:
                test = settings(
                    max_examples=spec.max_examples or cfg.CHECK.MAX_EXAMPLES,
                    database=None, deadline=None, derandomize=False, print_blob=False,
                    report_multiple_bugs=False, verbosity=Verbosity.quiet,
                    suppress_health_check=list(HealthCheck),
                    phases=(Phase.explicit, Phase.generate, Phase.shrink),
                )(given(**spec.strategies)(spec.function))
                hypothesis.seed(seed)(test)(submission)
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
    result.examples = submission.calls
    result.output = _cap("".join(submission.output), cfg.CHECK.OUTPUT_CAP)
    return result


def _failed(spec: CheckSpec, failed: CheckFailed) -> CheckResult:
    counterexample = None
    if failed.call or failed.expected or failed.got:
        counterexample = Counterexample(failed.call or "", failed.expected, failed.got)
    return CheckResult(spec.name, "fail", failed.message, counterexample)


def _cap(text: str, cap: int) -> str:
    if len(text) <= cap:
        return text
    return text[:cap] + f"\n[output truncated: {len(text) - cap} more characters]"
