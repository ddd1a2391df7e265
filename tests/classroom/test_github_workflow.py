"""GitHub Classroom: `grader classroom workflow` writes a workflow that parses as YAML and
hands the reporter the grading step's output; that step, run here on a correct and a wrong
submission, produces a result that decodes to the assignment's points."""

from __future__ import annotations

import base64
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from grader.exercise import get_exercise

BIN = Path(sys.executable).parent
EX20, EX09 = get_exercise("20"), get_exercise("09")


@pytest.fixture(scope="module")
def template(tmp_path_factory):
    folder = tmp_path_factory.mktemp("classroom")
    os.chmod(folder, 0o755)
    (folder / "hw").mkdir()
    (folder / "hw" / "assignment.yaml").write_text(
        "ASSIGNMENT:\n  EXERCISES: ['20', '09']\n  POINTS: [6, 4]\n"
        "CHECK:\n  MAX_EXAMPLES: 20\n", encoding="utf-8")
    made = subprocess.run([str(BIN / "grader"), "classroom", "workflow", "hw", "--install",
                           "grader @ git+https://example.invalid/grader.git"],
                          cwd=folder, capture_output=True, text=True, timeout=120)
    assert made.returncode == 0, made.stderr
    return folder / "hw" / "handout"


def _workflow(template: Path) -> dict:
    return yaml.safe_load((template / ".github" / "workflows" / "classroom.yml").read_text())


def test_the_workflow_parses_and_wires_the_grading_step_to_the_reporter(template):
    workflow = _workflow(template)
    assert set(workflow["on"]) == {"push", "repository_dispatch"}
    steps = workflow["jobs"]["run-autograding-tests"]["steps"]
    grading = next(s for s in steps if s.get("id") == "grader")
    reporter = steps[-1]
    assert reporter["uses"].startswith("classroom-resources/autograding-grading-reporter@")
    assert reporter["with"]["runners"] == "grader"
    assert reporter["env"]["GRADER_RESULTS"] == "${{ steps.grader.outputs.result }}"
    install = next(s for s in steps if "pip install" in s.get("run", ""))
    assert "torch==2.13.0" in install["run"] and "example.invalid" in install["run"]
    assert "--format github" in grading["run"]
    assert (template / ".github" / "classroom" / "assignment.yaml").is_file()
    assert (template / "exercise_20.py").is_file()  # the starters, as students get them


def _run_grading_step(template: Path, tmp_path: Path, files: dict[str, bytes]) -> dict:
    repo = tmp_path / "repo"
    shutil.copytree(template, repo)
    for name, source in files.items():
        (repo / name).write_bytes(source)
    for path in [tmp_path, repo, *repo.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    step = next(s for s in _workflow(template)["jobs"]["run-autograding-tests"]["steps"]
                if s.get("id") == "grader")
    output = tmp_path / "github_output"
    env = {**os.environ, "GITHUB_OUTPUT": str(output), "PATH": f"{BIN}:{os.environ['PATH']}"}
    done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    key, _, value = output.read_text().strip().partition("=")
    assert key == "result"
    return json.loads(base64.b64decode(value))


def test_a_correct_submission_decodes_to_full_points(template, tmp_path):
    result = _run_grading_step(template, tmp_path, {
        "exercise_20.py": EX20.reference.read_bytes(),
        "exercise_09.py": EX09.reference.read_bytes()})
    assert result["max_score"] == 10
    assert sum(t["score"] for t in result["tests"]) == pytest.approx(10)
    assert result["status"] == "pass"


def test_a_wrong_submission_decodes_to_the_points_of_its_passing_checks(template, tmp_path):
    result = _run_grading_step(template, tmp_path, {
        "exercise_20.py": (EX20.folder / "wrong" / "del_in_place.py").read_bytes()})
    # exercise 09 stays the starter (fails); 20 fails one check of its 7 (6 points / 7 each)
    checks_20 = [t for t in result["tests"] if "20" in t["name"]]
    passed = sum(t["status"] == "pass" for t in checks_20)
    assert 0 < passed < len(checks_20)
    assert sum(t["score"] for t in result["tests"]) == pytest.approx(6 * passed / len(checks_20),
                                                                      abs=1e-4)
    assert result["max_score"] == 10 and result["status"] == "fail"
