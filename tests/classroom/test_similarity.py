"""Similarity: a planted copy (renamed variables, reordered functions) ranks first, above pairs
of independent correct solutions, and the starter code everyone was handed never counts."""

from __future__ import annotations

import csv

from grader.classroom.similarity import find_similar, write_csv
from grader.exercise import get_exercise

EX22 = get_exercise("22")

# The reference of exercise 22 with every name changed and its functions in another order.
PLANTED = '''from collections.abc import Mapping
from typing import Any


def apply_overrides(target_obj: object, changes: Mapping[str, Any]) -> None:
    todo = [(*_find(target_obj, dotted), new_value) for dotted, new_value in changes.items()]
    for holder, attr, new_value in todo:
        setattr(holder, attr, new_value)


def _find(root: object, dotted: str) -> tuple[object, str]:
    """Where the last attribute lives."""
    *ancestors, final = dotted.split(".")
    node = root
    for level, attr in enumerate(ancestors):
        if not hasattr(node, attr):
            raise _nope(dotted, ancestors[:level], attr)
        node = getattr(node, attr)
    if not hasattr(node, final):
        raise _nope(dotted, ancestors, final)
    return node, final


def _nope(dotted: str, seen: list[str], attr: str) -> AttributeError:
    holder = repr(".".join(seen)) if seen else "the object"
    return AttributeError(f"cannot override {dotted!r}: {holder} has no attribute {attr!r}")
'''


def test_a_planted_copy_ranks_first(tmp_path):
    files = {"original": {"22": EX22.reference.read_bytes()}, "copier": {"22": PLANTED.encode()}}
    for index, solution in enumerate(EX22.solutions):
        files[f"independent{index}"] = {"22": solution.read_bytes()}
    assert len(files) >= 4, "exercise 22 ships independent solutions to compare against"
    files["untouched"] = {"22": EX22.starter.read_bytes()}
    report = find_similar(files, [EX22], threshold=0.0)
    top = report.pairs[0]
    assert (top.student_a, top.student_b) == ("copier", "original")
    assert top.score > 0.9
    independent = [p for p in report.pairs if "copier" not in (p.student_a, p.student_b)
                   and "original" not in (p.student_a, p.student_b)]
    assert independent and all(p.score < top.score - 0.2 for p in independent)
    # Two files that only hold the starter share nothing that counts.
    untouched = [p for p in report.pairs if "untouched" in (p.student_a, p.student_b)]
    assert all(p.score == 0 for p in untouched)
    assert "copier/exercise_22.py" in report.html and str(tmp_path) not in report.html

    write_csv([p for p in report.pairs if p.score >= 0.5], tmp_path / "similarity.csv")
    with (tmp_path / "similarity.csv").open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    assert rows[0]["student_a"] == "copier" and float(rows[0]["percent_a"]) > 90
    assert set(rows[0]) == {"exercise", "student_a", "student_b", "percent_a", "percent_b",
                            "overlap_tokens"}


def test_shared_starter_code_never_counts():
    starter = EX22.starter.read_bytes()
    report = find_similar({"a": {"22": starter}, "b": {"22": starter}}, [EX22], threshold=0.1)
    assert report.pairs == []


def test_grader_similar_writes_the_csv_the_report_and_a_table(tmp_path):
    import subprocess
    import sys
    from pathlib import Path

    (tmp_path / "hw").mkdir()
    (tmp_path / "hw" / "assignment.yaml").write_text(
        "ASSIGNMENT:\n  EXERCISES: ['22']\n  POINTS: [10]\n", encoding="utf-8")
    sources = {"original": EX22.reference.read_bytes(), "copier": PLANTED.encode(),
               **{f"independent{i}": s.read_bytes() for i, s in enumerate(EX22.solutions)}}
    for student, source in sources.items():
        (tmp_path / "subs" / student).mkdir(parents=True)
        (tmp_path / "subs" / student / "exercise_22.py").write_bytes(source)
    grader = str(Path(sys.executable).parent / "grader")
    result = subprocess.run([grader, "similar", "hw", "subs", "--threshold", "0.8"],
                            cwd=tmp_path, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert "copier" in result.stdout and "original" in result.stdout
    with (tmp_path / "hw" / "similarity" / "similarity.csv").open(encoding="utf-8-sig") as f:
        rows = list(csv.DictReader(f))
    assert [(r["student_a"], r["student_b"]) for r in rows] == [("copier", "original")]
    html = (tmp_path / "hw" / "similarity" / "similarity.html").read_text(encoding="utf-8")
    assert "copier/exercise_22.py" in html

    bad = subprocess.run([grader, "similar", "hw", "subs", "--threshold", "7"], cwd=tmp_path,
                         capture_output=True, text=True, timeout=60)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--threshold" in bad.stderr
