"""Author checks: the reference and every alternative solution pass, the starter fails, every
known-wrong variant is caught.

A wrong variant counts as caught only when the check named in ``exercise.toml`` fails for it,
so each variant proves a specific check points at its specific mistake. An alternative
solution that fails is a correct solution the checks reject: a student would lose points they
earned.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from grader.exercise import Exercise
from grader.judge.runner import RecordedExamples, grade
from grader.sandbox.host import Zygote
from grader.verdict import Verdict


@dataclass
class Proof:
    exercise_id: str
    subject: str  # reference, solutions/NAME.py, starter, or wrong/NAME.py
    expectation: str
    ok: bool
    detail: str


def prove(exercise: Exercise, zygote: Zygote, cfg, *, with_solutions: bool = True,
          examples: RecordedExamples | None = None) -> list[Proof]:
    """Every proof for one exercise, in the order an author reads them. ``examples``: the
    reference's passing examples are recorded there and replayed for the other files (same
    verdicts; the solutions, which answer alike, then cost a fraction of a full run)."""
    proofs = [_passes(exercise, "reference", exercise.reference, zygote, cfg, examples)]
    if with_solutions:
        proofs += prove_solutions(exercise, zygote, cfg, examples)
    verdict = grade(exercise, exercise.starter, zygote, cfg, examples=examples)
    proofs.append(Proof(exercise.id, "starter", "fails", verdict.status == "fail",
                        verdict.message))
    names = {spec.name for spec in exercise.checks()}
    for variant in exercise.wrong:
        subject = f"wrong/{variant.file.name}"
        expectation = f"fails {variant.fails!r}"
        if variant.fails not in names:
            proofs.append(Proof(exercise.id, subject, expectation, False,
                                "exercise.toml names a check that does not exist"))
            continue
        # Only the check that names the mistake has to run to prove it is caught.
        verdict = grade(exercise, variant.file, zygote, cfg, only={variant.fails},
                        examples=examples)
        caught = [c for c in verdict.checks if c.name == variant.fails and c.status == "fail"]
        detail = caught[0].message.splitlines()[0] if caught else _first_problem(verdict)
        proofs.append(Proof(exercise.id, subject, expectation, bool(caught), detail))
    return proofs


def prove_solutions(exercise: Exercise, zygote: Zygote, cfg,
                    examples: RecordedExamples | None = None) -> list[Proof]:
    """Each alternative solution in ``solutions/`` passes every check."""
    return [_passes(exercise, f"solutions/{path.name}", path, zygote, cfg, examples)
            for path in exercise.solutions]


def _passes(exercise: Exercise, subject: str, path: Path, zygote: Zygote, cfg,
            examples: RecordedExamples | None) -> Proof:
    verdict = grade(exercise, path, zygote, cfg, examples=examples)
    if verdict.passed:
        detail = verdict.message
    elif subject == "reference":
        detail = _first_problem(verdict)
    else:
        detail = f"a correct solution was rejected: {subject} fails {_first_problem(verdict)}"
    return Proof(exercise.id, subject, "passes every check", verdict.passed, detail)


def _first_problem(verdict: Verdict) -> str:
    for result in verdict.checks:
        if result.status != "pass":
            return f"{result.name!r}: {result.status}: {result.message.splitlines()[0]}"
    return verdict.message or verdict.status


def _prove_in_pool(exercise_id: str) -> list[Proof]:
    from grader.exercise import get_exercise
    from grader.supervisor_pool import supervisor

    zygote, cfg, examples = supervisor()
    return prove(get_exercise(exercise_id), zygote, cfg, examples=examples)


def prove_all(exercises: list[Exercise], opts: list[str], processes: int | None = None,
              on_done: Callable[[str], None] | None = None,
              config_path: Path | None = None) -> list[Proof]:
    """``prove`` for each exercise on ``processes`` supervisors (default: one per core), each
    with its own warm zygote; proofs come back in ``exercises``' order. ``config_path``: a
    workspace's grader.yaml, read under ``opts``."""
    import os
    from concurrent.futures import ProcessPoolExecutor, as_completed

    from grader.exercise import sandbox_preload
    from grader.supervisor_pool import start_supervisor

    if not exercises:
        return []
    done: dict[str, list[Proof]] = {}
    workers = max(1, min(len(exercises), processes or os.cpu_count() or 1))
    with ProcessPoolExecutor(max_workers=workers, initializer=start_supervisor,
                             initargs=(opts, sandbox_preload(exercises), config_path)) as pool:
        futures = {pool.submit(_prove_in_pool, e.id): e.id for e in exercises}
        for future in as_completed(futures):
            done[futures[future]] = future.result()
            if on_done is not None:
                on_done(futures[future])
    return [proof for e in exercises for proof in done[e.id]]
