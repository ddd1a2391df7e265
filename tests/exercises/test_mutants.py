"""Mutation testing: each exercise's checks kill at least 90% of the non-equivalent mutants of
its reference (`grader validate --mutants`)."""

from __future__ import annotations

import pytest

from grader.config import load_config
from grader.mutants import MUTATION_TARGET, generate_mutants, score_exercise
from tests.exercises.test_exercises import EXERCISES, IDS


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_checks_kill_the_reference_mutants(exercise, request):
    zygote = request.getfixturevalue("torch_zygote" if exercise.needs_torch else "zygote")
    # 25 examples, not 100: killing with fewer examples is harder, so passing here implies
    # passing `grader validate --mutants`; it keeps the suite inside CI's time budget.
    score = score_exercise(exercise, zygote, load_config(None, ["CHECK.MAX_EXAMPLES", "25"]))
    survivors = [f"{r.mutant.id}" for r in score.survivors]
    assert score.score >= MUTATION_TARGET, f"{score.score:.0%} killed; survivors: {survivors}"
    listed = set(exercise.equivalent_mutants)
    generated = {m.id for m in generate_mutants(exercise.reference.read_text(encoding="utf-8"))}
    assert listed <= generated, f"equivalent mutants that no longer exist: {listed - generated}"


def test_mutants_cover_the_kinds_of_slip():
    source = ("def f(x, xs, flag=True):\n"
              "    if x < 3 and not flag:\n"
              "        print(x)\n"
              "    return sorted(xs, reverse=False)[1:] + [x * 2, max(x, 1)]\n")
    labels = " | ".join(m.id for m in generate_mutants(source))
    for kind in ("compare < -> <=", "boolean and -> or", "drop not", "constant 3 -> 4",
                 "drop call print", "drop reverse= in sorted", "constant False -> True",
                 "arithmetic * -> /", "swap arguments of max", "drop slice lower"):
        assert kind in labels
