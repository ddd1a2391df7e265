"""Teachers' own exercises: `grader new` scaffolds one that validates at once, a pack named in
grader.yaml loads beside the built-in exercises, an id clash names both folders, and a broken
pack file is one clear line while the other exercises still load."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from grader.config import ConfigError, load_config
from grader.exercise import ExerciseError, all_exercises, get_exercise, pack_problems, use_packs
from grader.validate import prove

GRADER = str(Path(sys.executable).parent / "grader")


def grader(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([GRADER, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def pack(tmp_path):
    """A pack with one scaffolded exercise, 101; the packs are unloaded afterwards."""
    made = grader("new", "101_total", "--topic", "python", "--pack", "pack", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    yield tmp_path / "pack"
    use_packs([])


def _yaml(folder: Path, packs: str) -> Path:
    path = folder / "grader.yaml"
    path.write_text(f"EXERCISES:\n  PACKS: {packs}\n", encoding="utf-8")
    return path


def test_a_scaffolded_exercise_validates_and_grades(pack, zygote, tmp_path):
    folder = pack / "101_total"
    assert sorted(p.name for p in folder.iterdir()) == [
        "checks.py", "exercise.toml", "prompt.en.md", "prompt.zh.md", "reference.py",
        "starter.py", "wrong"]
    cfg = load_config(_yaml(tmp_path, "['pack']"), ["CHECK.MAX_EXAMPLES", "20"])
    exercise = get_exercise("101")
    assert exercise.folder == folder.resolve() and "01" in all_exercises()
    proofs = prove(exercise, zygote, cfg)
    assert [(p.subject, p.ok) for p in proofs] == [("reference", True), ("starter", True)]

    from grader.judge.runner import grade

    wrong = tmp_path / "exercise_101.py"
    wrong.write_text("def total(xs):\n    return sum(xs[1:])\n", encoding="utf-8")
    verdict = grade(exercise, wrong, zygote, cfg)
    assert verdict.status == "fail"
    assert verdict.checks[0].counterexample.call.startswith("total(")


def test_new_refuses_a_taken_id_or_a_bad_name(tmp_path):
    taken = grader("new", "20_mine", "--topic", "python", cwd=tmp_path)
    assert taken.returncode == 2 and "taken by" in taken.stderr and "20_drop_keys" in taken.stderr
    bad = grader("new", "mine", "--topic", "python", cwd=tmp_path)
    assert bad.returncode == 2 and "NN_slug" in bad.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_pack_id_that_clashes_names_both_folders(pack, tmp_path):
    clash = pack / "20_mine"
    (pack / "101_total").rename(clash)
    toml = clash / "exercise.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('id = "101"', 'id = "20"'),
                    encoding="utf-8")
    load_config(_yaml(tmp_path, "['pack']"))
    with pytest.raises(ExerciseError) as raised:
        all_exercises()
    assert "20_drop_keys" in str(raised.value) and str(clash) in str(raised.value)


def test_a_broken_pack_file_is_one_line_and_the_rest_still_load(pack, tmp_path):
    second = grader("new", "102_other", "--topic", "data", "--pack", "pack", cwd=tmp_path)
    assert second.returncode == 0
    (pack / "102_other" / "exercise.toml").write_text('id = "102"\nslug = \n', encoding="utf-8")
    checks = pack / "101_total" / "checks.py"
    checks.write_text(checks.read_text(encoding="utf-8") + "\ndef broken(:\n", encoding="utf-8")
    load_config(_yaml(tmp_path, "['pack']"))
    problems = pack_problems()
    assert len(problems) == 1 and "102_other/exercise.toml" in problems[0]
    assert "line 2" in problems[0]
    assert "20" in all_exercises() and "101" in all_exercises()
    with pytest.raises(ExerciseError) as raised:
        get_exercise("101").checks()
    message = str(raised.value)
    assert "checks.py, line" in message and "\n" not in message


def test_packs_must_be_a_list_of_folders(tmp_path):
    with pytest.raises(ConfigError, match="EXERCISES.PACKS"):
        load_config(_yaml(tmp_path, "[1, 2]"))


def test_a_pack_in_grader_yaml_works_from_the_command_line(pack, tmp_path):
    """validate, check and grade see a pack named in the workspace's or assignment's yaml."""
    workspace = tmp_path
    _yaml(workspace, "['pack']")
    os.chmod(workspace, 0o755)
    for path in workspace.rglob("*"):
        path.chmod(0o755 if path.is_dir() else 0o644)
    proved = grader("validate", "101", "--set", "CHECK.MAX_EXAMPLES", "20", cwd=workspace)
    assert proved.returncode == 0, proved.stdout + proved.stderr
    (workspace / "exercise_101.py").write_text("def total(xs):\n    return sum(xs)\n")
    checked = grader("check", "exercise_101.py", "--no-server", cwd=workspace)
    assert checked.returncode == 0 and "passed" in checked.stdout, checked.stderr

    hw = workspace / "hw"
    hw.mkdir()
    (hw / "assignment.yaml").write_text("ASSIGNMENT:\n  EXERCISES: ['101']\n  POINTS: [3]\n"
                                        "EXERCISES:\n  PACKS: ['../pack']\n", encoding="utf-8")
    (workspace / "subs" / "ada").mkdir(parents=True)
    (workspace / "subs" / "ada" / "exercise_101.py").write_text(
        "def total(xs):\n    return sum(xs[1:])\n")
    for path in [workspace / "subs", *(workspace / "subs").rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    graded = grader("grade", "hw", "subs", "--jobs", "1", cwd=workspace)
    assert graded.returncode == 0, graded.stderr
    record = json.loads((hw / "gradebook.jsonl").read_text(encoding="utf-8").splitlines()[-1])
    assert (record["student"], record["exercise"], record["verdict"]) == ("ada", "101", "fail")
