"""Creating assignments and handouts: the file reads back, and every bad key is one line."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from grader.classroom.assignment import load_assignment
from grader.cli import main
from grader.config import ConfigError

from .class_setup import make_assignment


def test_new_writes_a_commented_file_that_loads_back(tmp_path, capsys):
    folder = tmp_path / "week3"
    code = main(["assignment", "new", str(folder), "--exercises", "3,04,20", "--points", "2.5",
                 "--due", "2026-12-01T23:59:00+00:00"])
    assert code == 0
    text = (folder / "assignment.yaml").read_text(encoding="utf-8")
    assert "# " in text and "SPLIT: equal" in text
    assignment = load_assignment(folder)
    assert assignment.exercises == ("03", "04", "20")
    assert assignment.points == {"03": 2.5, "04": 2.5, "20": 2.5}
    assert assignment.max_points == 7.5
    assert assignment.due.isoformat() == "2026-12-01T23:59:00+00:00"
    assert assignment.gradebook_path == folder / "gradebook.jsonl"
    assert assignment.cfg.CHECK.MAX_EXAMPLES == 100 and assignment.cfg.is_frozen()


@pytest.mark.parametrize(("argv", "said"), [
    (["--exercises", "20,99"], "there is no exercise '99'"),
    (["--exercises", "20", "--due", "next friday"], "not an ISO 8601"),
    (["--exercises", "20", "--due", "2026-12-01T23:59:00"], "no UTC offset"),
])
def test_new_refuses_bad_input_in_one_line(tmp_path, capsys, argv, said):
    folder = tmp_path / "week3"
    assert main(["assignment", "new", str(folder), *argv]) == 2
    err = capsys.readouterr().err
    assert said in err and len(err.strip().splitlines()) == 1
    assert not (folder / "assignment.yaml").exists()


@pytest.mark.parametrize(("extra", "key"), [
    ("LATE:\n  GRACE: 3\n", "LATE.GRACE"),
    ("ASSIGNMENT:\n  EXERCISES: ['20']\n  POINTS: [1, 2]\n", "ASSIGNMENT.POINTS"),
    ("ASSIGNMENT:\n  EXERCISES: ['20']\n  POINTS: [1]\n  SPLIT: halves\n", "ASSIGNMENT.SPLIT"),
    ("LATE:\n  PENALTY_PER_DAY: 10\n", "LATE.PENALTY_PER_DAY"),
    ("LATE:\n  DUE: 'tomorrow'\n", "LATE.DUE"),
    ("CHECK:\n  CALL_TIMEOUT: -1.0\n", "CHECK.CALL_TIMEOUT"),
    ("ASSIGNMENT:\n  EXERCISES: ['77']\n  POINTS: [1]\n", "ASSIGNMENT.EXERCISES"),
])
def test_a_malformed_assignment_names_the_key(tmp_path, extra, key):
    folder = make_assignment(tmp_path / "week3", ["20"], extra=extra)
    with pytest.raises(ConfigError) as caught:
        load_assignment(folder)
    assert key in str(caught.value) and "assignment.yaml" in str(caught.value)


def test_a_yaml_syntax_error_is_one_line_from_the_cli(tmp_path, capsys):
    folder = make_assignment(tmp_path / "week3", ["20"], extra="CHECK: [unclosed\n")
    assert main(["assignment", "handout", str(folder)]) == 2
    err = capsys.readouterr().err.strip()
    assert "assignment.yaml" in err and len(err.splitlines()) == 1


def test_handout_has_starters_prompts_settings_and_a_zip(tmp_path):
    folder = make_assignment(tmp_path / "week3", ["20", "24"],
                             extra="ASSIGNMENT:\n  EXERCISES: ['20', '24']\n  POINTS: [4, 6]\n"
                                   "  LANG: zh\nCHECK:\n  MAX_EXAMPLES: 40\n")
    assert main(["assignment", "handout", str(folder), "--zip"]) == 0
    handout = folder / "handout"
    names = sorted(p.name for p in handout.iterdir())
    assert names == ["README.md", "assignment.yaml", "exercise_20.md", "exercise_20.py",
                     "exercise_24.md", "exercise_24.py", "grader.yaml"]
    from grader.exercise import get_exercise

    assert (handout / "exercise_20.py").read_bytes() == get_exercise("20").starter.read_bytes()
    assert (handout / "exercise_20.md").read_text(encoding="utf-8") == get_exercise(
        "20").prompt("zh")
    readme = (handout / "README.md").read_text(encoding="utf-8")
    assert "grader check" in readme and "| 4 |" in readme and "| 6 |" in readme
    from grader.config import load_config

    students_cfg = load_config(handout / "grader.yaml")
    assert students_cfg.CHECK.MAX_EXAMPLES == 40 and students_cfg.UI.LANG == "zh"
    with zipfile.ZipFile(folder / "handout.zip") as zipped:
        assert sorted(Path(n).name for n in zipped.namelist()) == names
        assert all(n.startswith("week3/") for n in zipped.namelist())


def test_whole_seconds_are_fine_for_float_settings(tmp_path):
    """`CALL_TIMEOUT: 30` is what teachers type; it reads as 30.0, as in grader.yaml."""
    folder = make_assignment(tmp_path / "hw", ["20"],
                             extra="CHECK:\n  CALL_TIMEOUT: 30\n  RUN_TIMEOUT: 200\n")
    assignment = load_assignment(folder)
    assert assignment.cfg.CHECK.CALL_TIMEOUT == 30.0
    assert assignment.cfg.CHECK.RUN_TIMEOUT == 200.0
