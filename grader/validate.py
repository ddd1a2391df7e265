"""Author checks: the reference passes, the starter fails, every known-wrong variant is caught.

A wrong variant counts as caught only when the check named in ``exercise.toml`` fails for it,
so each variant proves a specific check points at its specific mistake.
"""

from __future__ import annotations

from dataclasses import dataclass

from grader.exercise import Exercise
from grader.judge.runner import grade
from grader.sandbox.host import Zygote
from grader.verdict import Verdict


@dataclass
class Proof:
    exercise_id: str
    subject: str  # reference, starter, or the wrong variant's file name
    expectation: str
    ok: bool
    detail: str


def prove(exercise: Exercise, zygote: Zygote, cfg) -> list[Proof]:
    proofs = []
    verdict = grade(exercise, exercise.reference, zygote, cfg)
    proofs.append(Proof(exercise.id, "reference", "passes every check", verdict.passed,
                        verdict.message if verdict.passed else _first_problem(verdict)))
    verdict = grade(exercise, exercise.starter, zygote, cfg)
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
        verdict = grade(exercise, variant.file, zygote, cfg, only={variant.fails})
        caught = [c for c in verdict.checks if c.name == variant.fails and c.status == "fail"]
        detail = caught[0].message.splitlines()[0] if caught else _first_problem(verdict)
        proofs.append(Proof(exercise.id, subject, expectation, bool(caught), detail))
    return proofs


def _first_problem(verdict: Verdict) -> str:
    for result in verdict.checks:
        if result.status != "pass":
            return f"{result.name}: {result.status}: {result.message.splitlines()[0]}"
    return verdict.message or verdict.status
