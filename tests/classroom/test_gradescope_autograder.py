"""The Gradescope autograder: the zip follows the specification's layout, and run_autograder,
run against a simulated /autograder tree, writes a results.json that fits the specification's
fields for a correct, a wrong, a syntax-error and an empty submission, and even when Python
cannot start."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from grader.exercise import get_exercise
from tests.classroom.test_exports import SCHEMAS, schema_errors

GRADER = str(Path(sys.executable).parent / "grader")
EX20, EX09 = get_exercise("20"), get_exercise("09")
SCHEMA = json.loads((SCHEMAS / "gradescope_results.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def autograder(tmp_path_factory):
    """The built zip, unpacked as Gradescope does: /autograder/source and run_autograder."""
    folder = tmp_path_factory.mktemp("gradescope")
    os.chmod(folder, 0o755)  # as root, graded code runs as nobody and must reach the files
    (folder / "hw").mkdir()
    (folder / "hw" / "assignment.yaml").write_text(
        "ASSIGNMENT:\n  EXERCISES: ['20', '09']\n  POINTS: [6, 4]\n"
        "CHECK:\n  MAX_EXAMPLES: 20\n", encoding="utf-8")
    built = subprocess.run([GRADER, "gradescope", "build", "hw", "-o", "autograder.zip"],
                           cwd=folder, capture_output=True, text=True, timeout=120)
    assert built.returncode == 0, built.stderr
    with zipfile.ZipFile(folder / "autograder.zip") as archive:
        names = set(archive.namelist())
        assert {"setup.sh", "run_autograder", "assignment/assignment.yaml",
                "grader-src/pyproject.toml"} <= names
        mode = archive.getinfo("run_autograder").external_attr >> 16
        assert mode & stat.S_IXUSR
        assert not any("__pycache__" in n for n in names)
        archive.extractall(folder / "source")
    script = folder / "source" / "run_autograder"
    script.chmod(0o755)
    setup = (folder / "source" / "setup.sh").read_text(encoding="utf-8")
    assert "torch==2.13.0" in setup and "grader-src" in setup
    return folder, script


def run_autograder(autograder, tmp_path, files: dict[str, bytes], python=sys.executable):
    folder, script = autograder
    root = tmp_path / "autograder"
    (root / "submission").mkdir(parents=True)
    (root / "source").symlink_to(folder / "source")
    for name, source in files.items():
        path = root / "submission" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(source)
    os.chmod(tmp_path, 0o755)
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    env = {**os.environ, "GRADER_AUTOGRADER_ROOT": str(root),
           "GRADER_AUTOGRADER_PYTHON": python}
    done = subprocess.run(["bash", str(script)], env=env, capture_output=True, text=True,
                          timeout=300)
    assert done.returncode == 0, done.stderr
    results = json.loads((root / "results" / "results.json").read_text(encoding="utf-8"))
    assert schema_errors(results, SCHEMA) == []
    return results


def test_a_correct_submission_scores_full_marks(autograder, tmp_path):
    results = run_autograder(autograder, tmp_path, {
        "exercise_20.py": EX20.reference.read_bytes(),
        "nested/exercise_09.py": EX09.reference.read_bytes()})
    assert results["score"] == results["max_score"] == 10
    assert all(t["status"] == "passed" for t in results["tests"])


def test_a_wrong_submission_scores_its_passing_checks_and_shows_the_counterexample(
        autograder, tmp_path):
    wrong = (EX20.folder / "wrong" / "del_in_place.py").read_bytes()
    results = run_autograder(autograder, tmp_path, {"exercise_20.py": wrong,
                                                    "exercise_09.py": EX09.reference.read_bytes()})
    assert 4 <= results["score"] < 10 and results["max_score"] == 10
    failed = [t for t in results["tests"] if t["status"] == "failed"]
    assert failed and any("drop_keys(" in t["output"] for t in failed)


def test_a_syntax_error_scores_zero_for_that_exercise_with_the_line(autograder, tmp_path):
    results = run_autograder(autograder, tmp_path, {
        "exercise_20.py": b"def drop_keys(d, keys:\n    return d\n",
        "exercise_09.py": EX09.reference.read_bytes()})
    assert results["score"] == 4
    broken = [t for t in results["tests"] if "exercise_20" in t["name"]]
    assert len(broken) == 1 and broken[0]["status"] == "failed" and "line 1" in broken[0]["output"]


def test_an_empty_submission_scores_zero_and_says_what_is_missing(autograder, tmp_path):
    results = run_autograder(autograder, tmp_path, {})
    assert results["score"] == 0 and results["max_score"] == 10
    assert len(results["tests"]) == 2 and all(t["status"] == "failed" for t in results["tests"])


def test_a_python_that_cannot_start_still_leaves_a_result(autograder, tmp_path):
    results = run_autograder(autograder, tmp_path, {"exercise_20.py": b"x = 1\n"},
                             python="/bin/false")
    assert results["score"] == 0 and "could not start" in results["output"]
