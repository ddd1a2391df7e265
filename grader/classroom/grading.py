"""Grading a class: every (student, exercise) file through the same engine as `grader check`,
on a pool of processes that each hold one warm ``Checker``, into the gradebook.

- Same verdicts: each file goes through ``Checker.check`` with the assignment's settings; a
  pool process replays the recorded examples of the exercise's earlier passing files (same
  seed, so the same verdict as a full run), and tasks of one exercise go to the process that is
  already warm for it.
- Resumable: a pair whose latest record has the same (student, exercise, sha256, grader
  version, seed, exercise version) is skipped unless ``regrade``; records are appended (and
  fsynced) by this process alone as each grade completes, so a run killed at any moment loses
  nothing finished and a re-run grades nothing twice.
- Survives its own processes dying: a pool process that dies (or hangs past the file's limits)
  is replaced and its file retried once; a second death records the pair as ``crashed``.
"""

from __future__ import annotations

import hashlib
import multiprocessing
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

import grader
from grader.classroom.assignment import Assignment
from grader.classroom.gradebook import append_record, latest_records, read_gradebook, record_key
from grader.classroom.roster import Student
from grader.classroom.scoring import days_late, late_penalty, score_checks, stored
from grader.classroom.submissions import StudentFile, Submissions
from grader.exercise import Exercise, exercises_version, get_exercise
from grader.verdict import Verdict

MAX_TRIES = 2  # a file whose pool process dies this many times is recorded as crashed
_STATUS_OF_KIND = {"empty": "syntax_error", "encoding": "syntax_error", "syntax": "syntax_error",
                   "unreadable": "syntax_error", "import": "import_error",
                   "missing": "import_error", "signature": "import_error",
                   "timeout": "timeout", "crash": "crashed", "protocol": "crashed"}


@dataclass(frozen=True)
class Task:
    """One file to grade, as sent to a pool process."""

    student_id: str
    exercise_id: str
    source: bytes
    grading_path: Path


@dataclass
class ClassPlan:
    """What a run will do: files to grade, and records that need no grading."""

    to_grade: list[StudentFile]
    missing: list[tuple[str, str]]  # (student, exercise) with no file, not yet recorded so
    skipped: int  # pairs already in the gradebook with the same key
    versions: dict[str, str]  # exercise id -> exercises_version([it]) when planned


def _key(student: str, exercise: Exercise, sha256: str | None, version: str) -> tuple:
    return (student, exercise.id, sha256, grader.__version__, exercise.seed, version)


def _stored_key(record: dict) -> tuple:
    return (*record_key(record), record.get("exercises_version"))


def plan_class(assignment: Assignment, submissions: Submissions, roster: list[Student] | None,
               *, regrade: bool = False) -> ClassPlan:
    """Which files need grading and which pairs are missing, given the gradebook so far."""
    latest = latest_records(read_gradebook(assignment.gradebook_path))
    exercises = {e: get_exercise(e) for e in assignment.exercises}
    # A fixed check or reference changes its exercise's version: that exercise is re-graded.
    versions = {e: exercises_version([exercise]) for e, exercise in exercises.items()}
    to_grade, skipped = [], 0
    for student_file in submissions.files:
        exercise = exercises[student_file.exercise_id]
        sha = hashlib.sha256(student_file.source).hexdigest()
        old = latest.get((student_file.student_id, exercise.id))
        if not regrade and old is not None and _stored_key(old) == _key(
                student_file.student_id, exercise, sha, versions[exercise.id]):
            skipped += 1
            continue
        to_grade.append(student_file)
    have = {(f.student_id, f.exercise_id) for f in submissions.files}
    students = list(dict.fromkeys([*(s.student_id for s in roster or []),
                                   *submissions.students]))
    missing = []
    for student in students:
        for exercise_id in assignment.exercises:
            if (student, exercise_id) in have:
                continue
            old = latest.get((student, exercise_id))
            if not regrade and old is not None and _stored_key(old) == _key(
                    student, exercises[exercise_id], None, versions[exercise_id]):
                skipped += 1
                continue
            missing.append((student, exercise_id))
    # Grouped by exercise: a pool process stays warm on one exercise's recorded examples.
    to_grade.sort(key=lambda f: (f.exercise_id, f.student_id))
    return ClassPlan(to_grade, missing, skipped, versions)


def build_record(assignment: Assignment, student_id: str, name: str, exercise: Exercise,
                 student_file: StudentFile | None, verdict: Verdict | None,
                 status: str | None = None, version: str | None = None) -> dict[str, Any]:
    """The gradebook record of one pair (``verdict`` None: missing, or ``status`` says why)."""
    max_points = assignment.points[exercise.id]
    checks = []
    earned = Fraction(0)
    if verdict is not None:
        shares = score_checks(verdict, exercise, max_points, assignment.split)
        for check, share in zip(verdict.checks, shares, strict=True):
            meta = exercise.meta_of(check.name)
            counterexample = check.counterexample
            checks.append({
                "name": check.name, "status": check.status, "message": check.message,
                "counterexample": None if counterexample is None else {
                    "call": counterexample.call, "expected": counterexample.expected,
                    "got": counterexample.got},
                "output": check.output, "weight": meta.weight, "visibility": meta.visibility,
                "points": stored(share.points), "max_points": stored(share.max_points)})
            earned += share.points
    if status is None:
        status = ("graded" if verdict.error_kind is None
                  else _STATUS_OF_KIND.get(verdict.error_kind, "crashed"))
    submitted_at: datetime | None = student_file.submitted_at if student_file else None
    late = days_late(submitted_at, assignment.due)
    penalty = late_penalty(earned, late, assignment.penalty_per_day, assignment.cutoff_days)
    sha = hashlib.sha256(student_file.source).hexdigest() if student_file else None
    return {
        "assignment": assignment.name, "student": student_id, "name": name,
        "exercise": exercise.id, "file": student_file.file if student_file else None,
        "sha256": sha, "grader_version": grader.__version__,
        "exercises_version": version or exercises_version([exercise]), "seed": exercise.seed,
        "hypothesis_version": verdict.hypothesis_version if verdict else _hypothesis_version(),
        "status": status, "verdict": verdict.status if verdict else None,
        "message": verdict.message if verdict else _missing_message(status),
        "line": verdict.line if verdict else None, "checks": checks,
        "points": stored(earned), "max_points": stored(Fraction(str(max_points))),
        "submitted_at": submitted_at.isoformat() if submitted_at else None,
        "days_late": late, "late_penalty": stored(penalty),
        "final_points": stored(earned - penalty),
        "duration_s": round(verdict.duration_s, 3) if verdict else 0.0,
    }


def _missing_message(status: str) -> str:
    if status == "missing":
        return "no file submitted"
    return "the grader's own process died twice on this file; it was not graded"


def _hypothesis_version() -> str:
    from importlib.metadata import version

    return version("hypothesis")


def grade_one_student(assignment: Assignment, files: dict[str, Path],
                      submitted_at: datetime | None = None, *,
                      student_id: str = "student") -> dict[tuple[str, str], dict]:
    """One student's files (exercise id -> path; an exercise not in it is missing), graded in
    this process on one warm checker: what a Gradescope or GitHub Classroom run does with the
    single submission it is given. Returns the records as ``latest_records`` would."""
    from grader.checker import Checker
    from grader.exercise import sandbox_preload

    exercises = [get_exercise(e) for e in assignment.exercises]
    latest = {}
    with Checker(preload=sandbox_preload(exercises)) as checker:
        for exercise in exercises:
            path = files.get(exercise.id)
            if path is None:
                latest[(student_id, exercise.id)] = build_record(
                    assignment, student_id, "", exercise, None, None, status="missing")
                continue
            source = path.read_bytes()
            student_file = StudentFile(student_id, exercise.id, path.name, source,
                                       submitted_at, path)
            verdict = checker.check(exercise, path, assignment.cfg, source=source)
            latest[(student_id, exercise.id)] = build_record(
                assignment, student_id, "", exercise, student_file, verdict)
    return latest


# -- the pool ------------------------------------------------------------------------------


GradeFn = Callable[[Any, Task], Verdict]


def grade_with_checker(checker: Any, task: Task, cfg: Any) -> Verdict:
    """What a pool process does with one task (a test may swap in its own, by import path)."""
    return checker.check(get_exercise(task.exercise_id), task.grading_path, cfg,
                         source=task.source)


def _serve(conn: Connection, folder: str, opts: list[str], preload: tuple[str, ...],
           grade_fn: str) -> None:
    """A pool process: one warm checker, one task at a time, until told to stop."""
    import importlib
    import signal

    from grader.checker import Checker

    # Ctrl-C reaches the whole process group: the parent stops us in order, not a traceback.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    from grader.classroom.assignment import load_assignment

    module, _, attr = grade_fn.rpartition(".")
    grade = getattr(importlib.import_module(module), attr)
    cfg = load_assignment(Path(folder), opts).cfg
    with Checker(preload=preload) as checker:
        conn.send("ready")
        while True:
            try:
                task = conn.recv()
            except EOFError:
                return
            if task is None:
                return
            conn.send(grade(checker, task, cfg))


@dataclass
class _Slot:
    process: Any = None
    conn: Connection | None = None
    task: StudentFile | None = None
    since: float = 0.0
    warm: str | None = None  # the exercise this process last graded
    ready: bool = False


class ClassGrader:
    """Runs a plan: missing records first, then the pool; ``on_record`` sees each record as it
    is appended (the command draws its progress bar from it)."""

    def __init__(self, assignment: Assignment, opts: list[str], names: dict[str, str], *,
                 jobs: int, on_record: Callable[[dict], None] | None = None,
                 grade_fn: str = "grader.classroom.grading.grade_with_checker") -> None:
        self.assignment = assignment
        self.opts = opts
        self.names = names
        self.jobs = max(1, jobs)
        self.on_record = on_record or (lambda record: None)
        self.grade_fn = grade_fn
        self.tries: dict[tuple[str, str], int] = {}
        self.versions: dict[str, str] = {}
        self._context = multiprocessing.get_context("spawn")  # no fork with threads running

    def run(self, plan: ClassPlan) -> list[dict]:
        self.versions = plan.versions
        records = self._record_missing(plan)
        if plan.to_grade:
            held: list[StudentFile] = []
            records += self._pool(list(plan.to_grade), self.jobs, held)
            if held:
                # Graded again alone: what a neighbour's fork bomb can do to them is gone.
                records += self._pool(held, 1, None)
        return records

    def run_on_cluster(self, plan: ClassPlan, address: str,
                       say: Callable[[str], None] = print) -> list[dict]:
        """The same run on a Dask cluster: workers grade, this process alone writes each
        record as its task completes (``grader.classroom.cluster``)."""
        from grader.classroom.cluster import ClusterJob, grade_on_cluster

        self.versions = plan.versions
        records = self._record_missing(plan)
        files = {}
        jobs = []
        for index, student_file in enumerate(plan.to_grade):
            key = f"{index}-{student_file.student_id}-{student_file.exercise_id}"
            files[key] = student_file
            jobs.append(ClusterJob(key, student_file.exercise_id,
                                   student_file.grading_path.name, student_file.source,
                                   hashlib.sha256(student_file.source).hexdigest()))

        def on_result(job: ClusterJob, verdict: Verdict | None, worker: str) -> None:
            records.append(self._finish(files[job.key], verdict,
                                        None if verdict is not None else "crashed"))

        grade_on_cluster(address, jobs, config_opts(self.assignment.cfg), on_result=on_result,
                         say=say)
        return records

    def _record_missing(self, plan: ClassPlan) -> list[dict]:
        """A ``missing`` record, 0 points, for each pair with no file."""
        return [self._append(build_record(
            self.assignment, student_id, self.names.get(student_id, ""),
            get_exercise(exercise_id), None, None, status="missing",
            version=self.versions.get(exercise_id))) for student_id, exercise_id in plan.missing]

    def _append(self, record: dict) -> dict:
        written = append_record(self.assignment.gradebook_path, **record)
        self.on_record(written)
        return written

    def _finish(self, student_file: StudentFile, verdict: Verdict | None,
                status: str | None = None) -> dict:
        return self._append(build_record(
            self.assignment, student_file.student_id,
            self.names.get(student_file.student_id, ""), get_exercise(student_file.exercise_id),
            student_file, verdict, status, self.versions.get(student_file.exercise_id)))

    def _limit_s(self) -> float:
        """How long one file may hold a pool process before it counts as hung."""
        check = self.assignment.cfg.CHECK
        return check.RUN_TIMEOUT + 2 * check.IMPORT_TIMEOUT + 60

    def _start(self, slot: _Slot) -> None:
        from grader.exercise import sandbox_preload

        preload = sandbox_preload(get_exercise(e) for e in self.assignment.exercises)
        if slot.conn is not None:
            slot.conn.close()
        ours, theirs = self._context.Pipe()
        slot.process = self._context.Process(
            target=_serve, args=(theirs, str(self.assignment.folder), self.opts, preload,
                                 self.grade_fn), daemon=True)
        slot.process.start()
        theirs.close()
        slot.conn, slot.task, slot.warm, slot.ready = ours, None, None, False

    def _pool(self, pending: list[StudentFile], jobs: int,
              held: list[StudentFile] | None) -> list[dict]:
        """Grade ``pending`` on ``jobs`` processes. With ``held``, a file whose verdict a
        concurrent neighbour may have caused (its worker died or timed out) is put there
        instead of recorded: the caller grades those again, alone."""
        records: list[dict] = []
        slots = [_Slot() for _ in range(min(jobs, len(pending)))]
        for slot in slots:
            self._start(slot)
        try:
            while pending or any(s.task is not None for s in slots):
                for slot in slots:
                    if slot.ready and slot.task is None and pending:
                        busy = {s.task.exercise_id for s in slots if s.task is not None}
                        slot.task = pending.pop(_next_index(pending, slot.warm, busy))
                        slot.since = time.monotonic()
                        slot.warm = slot.task.exercise_id
                        slot.conn.send(Task(slot.task.student_id, slot.task.exercise_id,
                                            slot.task.source, slot.task.grading_path))
                waitables = [s.conn for s in slots] + [s.process.sentinel for s in slots]
                ready = wait(waitables, timeout=1.0)
                for slot in slots:
                    if slot.conn in ready:
                        try:
                            answer = slot.conn.recv()
                        except (EOFError, OSError):
                            answer = None
                        if answer == "ready":
                            slot.ready = True
                        elif isinstance(answer, Verdict) and slot.task is not None:
                            if held is not None and jobs > 1 and _disturbed(answer):
                                held.append(slot.task)
                            else:
                                records.append(self._finish(slot.task, answer))
                            slot.task = None
                            continue
                    hung = (slot.task is not None
                            and time.monotonic() - slot.since > self._limit_s())
                    if hung:
                        slot.process.kill()
                        slot.process.join()
                    if not slot.process.is_alive():
                        records += self._lost(slot, pending)
                        self._start(slot)
        finally:
            for slot in slots:
                self._stop(slot)
        return records

    def _lost(self, slot: _Slot, pending: list[StudentFile]) -> list[dict]:
        """A pool process died (or hung): retry its file once, then record it as crashed."""
        slot.process.join()
        task, slot.task = slot.task, None
        if task is None:
            if not slot.ready:
                raise GradingError("a grading process could not start (exit status "
                                   f"{slot.process.exitcode}); see the messages above")
            return []
        pair = (task.student_id, task.exercise_id)
        self.tries[pair] = self.tries.get(pair, 0) + 1
        if self.tries[pair] < MAX_TRIES:
            pending.insert(0, task)
            return []
        return [self._finish(task, None, status="crashed")]

    def _stop(self, slot: _Slot) -> None:
        if slot.process is None:
            return
        try:
            if slot.process.is_alive():
                slot.conn.send(None)
        except (OSError, BrokenPipeError):
            pass
        slot.process.join(timeout=5)
        if slot.process.is_alive():
            slot.process.kill()
            slot.process.join()
        slot.conn.close()


class GradingError(Exception):
    """Grading cannot go on (no grading process starts); what finished is kept."""


# How the sandbox says a worker died or ran out of time (grader/sandbox/host.py).
_DISTURBED = ("before returning", "before reporting back", "did not return within",
              "did not finish within")


def _disturbed(verdict: Verdict) -> bool:
    """Could another student's code graded at the same time explain this verdict? Workers
    share the sandbox user's process limit and the machine's cores, so a fork bomb next door
    can starve them: a died or timed-out worker is graded again alone before it counts."""
    if verdict.status == "error" and verdict.error_kind not in ("empty", "encoding", "syntax"):
        return True
    return any(c.status == "error" or any(text in c.message for text in _DISTURBED)
               for c in verdict.checks)


def config_opts(cfg: Any) -> list[str]:
    """The grading settings as ``KEY VALUE`` pairs another machine's ``load_config`` reads."""
    opts = []
    for section in ("CHECK", "SANDBOX"):
        for key, value in cfg[section].items():
            opts += [f"{section}.{key}", repr(value)]
    return opts + ["UI.LANG", cfg.UI.LANG]


def _next_index(pending: list[StudentFile], warm: str | None, busy: set[str]) -> int:
    """The task a free process should take: its own warm exercise first, else one no other
    process is working on (each process records examples for its own exercises), else any."""
    if warm is not None:
        for index, task in enumerate(pending):
            if task.exercise_id == warm:
                return index
    for index, task in enumerate(pending):
        if task.exercise_id not in busy:
            return index
    return 0


def isolation_refusal() -> str | None:
    """Why student code may not run here without ``--unsafe-no-sandbox`` (None: it may).

    The strict sandbox (``grader.sandbox.isolation``) says whether it can isolate workers; a
    grader without that module keeps today's sandbox and is not refused."""
    try:
        from grader.sandbox.isolation import isolation_status
    except ImportError:
        return None
    status = isolation_status()
    if status.mode == "strict":
        return None
    return (f"strict isolation is unavailable ({status.reason}), so a student's code could "
            "read other students' files; fix that, or pass --unsafe-no-sandbox to grade anyway")
