"""The learner's loop outside the app: list, hint, solution, reset, progress."""

from __future__ import annotations

import json

import pytest

from grader.exercise import get_exercise
from tests.grader.test_cli import run

EX20 = get_exercise("20")


@pytest.fixture
def workspace(tmp_path):
    assert run("init", "ws", cwd=tmp_path).returncode == 0
    return tmp_path / "ws"


def _records(workspace):
    return [json.loads(line) for line in (workspace / "progress.jsonl").read_text().splitlines()]


def test_hints_advance_and_are_logged_in_the_chosen_language(workspace):
    first = run("hint", "20", cwd=workspace)
    assert first.returncode == 0 and "hint 1 of 3" in first.stdout
    second = run("hint", "20", "--lang", "zh", cwd=workspace)
    assert "hint 2 of 3" in second.stdout and "字典" in second.stdout
    again = run("hint", "20", "--level", "1", cwd=workspace)  # re-reading a seen level
    assert again.returncode == 0 and "hint 1 of 3" in again.stdout
    assert "hint 3 of 3" in run("hint", "20", cwd=workspace).stdout
    last = run("hint", "20", cwd=workspace)  # all seen: the last again, nothing new logged
    assert "hint 3 of 3" in last.stdout and "the last one" in last.stdout
    assert [(r["event"], r["level"]) for r in _records(workspace)] == [
        ("hint", 1), ("hint", 2), ("hint", 3)]
    wrong_level = run("hint", "20", "--level", "7", cwd=workspace)
    assert wrong_level.returncode == 2 and "levels 1 to 3" in wrong_level.stderr


def test_solution_waits_for_a_pass_unless_forced(workspace):
    refused = run("solution", "20", cwd=workspace)
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert not (workspace / "progress.jsonl").exists()
    forced = run("solution", "20", "--force", cwd=workspace)
    assert forced.returncode == 0 and "def drop_keys" in forced.stdout
    assert "other ways to write it" not in forced.stdout  # more answers, not more practice
    assert _records(workspace)[-1] == {**_records(workspace)[-1], "event": "solution",
                                       "forced": True}
    (workspace / "exercise_20.py").write_text(EX20.reference.read_text())
    assert run("check", "exercise_20.py", cwd=workspace).returncode == 0
    shown = run("solution", "20", cwd=workspace)
    assert shown.returncode == 0 and _records(workspace)[-1]["forced"] is False
    assert f"other ways to write it ({len(EX20.solutions)})" in shown.stdout
    assert all(path.stem in shown.stdout for path in EX20.solutions)


def test_reset_keeps_the_learners_file_and_asks_first(workspace):
    mine = workspace / "exercise_20.py"
    mine.write_text("# my attempt\n")
    refused = run("reset", "20", cwd=workspace)
    assert refused.returncode == 1 and "--yes" in refused.stderr
    assert mine.read_text() == "# my attempt\n"
    done = run("reset", "20", "--yes", cwd=workspace)
    assert done.returncode == 0
    assert mine.read_text() == EX20.starter.read_text()
    backups = list(workspace.glob("exercise_20.py.*.bak"))
    assert len(backups) == 1 and backups[0].read_text() == "# my attempt\n"
    assert _records(workspace)[-1]["backup"] == backups[0].name


def test_list_and_progress_reflect_the_log(workspace):
    (workspace / "exercise_20.py").write_text(EX20.reference.read_text())
    run("check", "exercise_20.py", cwd=workspace)
    listing = run("list", cwd=workspace)
    assert listing.returncode == 0
    line = next(x for x in listing.stdout.splitlines() if x.startswith("20"))
    assert "done" in line and " 1 " in line
    summary = json.loads(run("progress", "--format", "json", cwd=workspace).stdout)
    assert summary["topics"]["python"]["done"] == 1 and summary["streak_days"] == 1
    assert sum(summary["recent_activity"].values()) == 1


@pytest.mark.parametrize("command", [("list",), ("hint", "20"), ("reset", "20", "--yes"),
                                     ("progress",), ("solution", "20")])
def test_commands_outside_a_workspace_exit_2_and_write_nothing(tmp_path, command):
    result = run(*command, cwd=tmp_path)
    assert result.returncode == 2 and "grader init" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_an_unknown_exercise_number_is_a_usage_error(workspace):
    result = run("hint", "99", cwd=workspace)
    assert result.returncode == 2 and "no exercise '99'" in result.stderr
    assert not (workspace / "progress.jsonl").exists()
