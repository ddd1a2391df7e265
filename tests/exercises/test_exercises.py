"""Every exercise proves its checks: the reference and every alternative solution pass, the
starter fails, each known-wrong variant fails the check it names. Plus the content every
exercise must ship."""

from __future__ import annotations

import pytest

from grader.config import load_config
from grader.exercise import LANGS, all_exercises
from grader.validate import prove, prove_solutions

EXERCISES = sorted(all_exercises().values(), key=lambda e: e.id)
IDS = [e.id for e in EXERCISES]


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_checks_accept_the_reference_and_reject_every_wrong_variant(exercise, request):
    zygote = request.getfixturevalue("torch_zygote" if exercise.needs_torch else "zygote")
    proofs = prove(exercise, zygote, load_config(), with_solutions=False)
    misses = [f"{p.subject}: expected it {p.expectation}; {p.detail}" for p in proofs if not p.ok]
    assert not misses, "\n".join(misses)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_checks_accept_every_alternative_solution(exercise, request):
    zygote = request.getfixturevalue("torch_zygote" if exercise.needs_torch else "zygote")
    # 25 examples per check: a rejection found with fewer is one `grader validate` finds too;
    # solutions are 2-4 gradings per exercise and the suite must stay inside CI's budget.
    proofs = prove_solutions(exercise, zygote, load_config(None, ["CHECK.MAX_EXAMPLES", "25"]))
    assert proofs, "no alternative solutions in solutions/"
    rejected = [p.detail for p in proofs if not p.ok]
    assert not rejected, "\n".join(rejected)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_content_is_complete_in_both_languages(exercise):
    for lang in LANGS:
        prompt = exercise.prompt(lang)
        assert prompt.startswith("#") and len(prompt) > 300
        assert len(exercise.hints[lang]) == 3 and all(h.strip() for h in exercise.hints[lang])
        assert exercise.title[lang]
    assert len(exercise.wrong) >= 4
    assert all(v.file.exists() for v in exercise.wrong)
    source = exercise.starter.read_text(encoding="utf-8")
    for name in exercise.api:
        assert name.name in source


def test_the_catalog_numbers_are_unique_and_topics_known():
    topics = {"helpers", "device", "data", "model", "training", "functions", "python"}
    assert all(e.topic in topics for e in EXERCISES)
    assert len(set(IDS)) == len(IDS)


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
@pytest.mark.parametrize("lang", LANGS)
def test_prompt_renders_in_an_80_column_terminal(exercise, lang):
    import io

    from rich.console import Console
    from rich.markdown import Markdown

    buffer = io.StringIO()
    Console(file=buffer, width=80, color_system=None).print(Markdown(exercise.prompt(lang)))
    text = buffer.getvalue()
    assert exercise.id in text.splitlines()[0] or exercise.id in text[:200]
    assert "```" not in text  # code blocks rendered, not shown raw
    if lang == "zh":
        assert any("\u4e00" <= ch <= "\u9fff" for ch in text)
    from rich.cells import cell_len

    assert all(cell_len(line) <= 80 for line in text.splitlines())


def test_a_rejected_solution_is_named_with_the_check_that_rejects_it(tmp_path, zygote):
    """A teacher's exercise whose solutions/ holds one valid and one 'valid' solution that the
    checks reject: validate names the rejected file and the check."""
    import subprocess
    import sys
    from pathlib import Path

    from grader.exercise import get_exercise, use_packs

    grader = str(Path(sys.executable).parent / "grader")
    made = subprocess.run([grader, "new", "101_total", "--topic", "python", "--pack", "pack"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    solutions = tmp_path / "pack" / "101_total" / "solutions"
    solutions.mkdir()
    (solutions / "builtin_sum.py").write_text("def total(xs):\n    return sum(xs)\n",
                                              encoding="utf-8")
    (solutions / "skips_first.py").write_text("def total(xs):\n    return sum(xs[1:])\n",
                                              encoding="utf-8")
    use_packs([tmp_path / "pack"])
    try:
        exercise = get_exercise("101")
        proofs = prove(exercise, zygote, load_config(None, ["CHECK.MAX_EXAMPLES", "20"]))
    finally:
        use_packs([])
    by_subject = {p.subject: p for p in proofs}
    assert by_subject["solutions/builtin_sum.py"].ok
    rejected = by_subject["solutions/skips_first.py"]
    assert not rejected.ok
    assert rejected.detail.startswith("a correct solution was rejected: solutions/skips_first.py "
                                      "fails 'adds up every number'")
