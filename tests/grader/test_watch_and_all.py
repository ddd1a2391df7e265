"""`grader check --all` and `grader watch`, driven as a learner would."""

from __future__ import annotations

import json

import pexpect

from grader.exercise import get_exercise
from tests.grader.test_cli import ALL_PASSED_20, GRADER, run

EX20 = get_exercise("20")


def test_check_all_grades_every_file_and_logs_each(tmp_path):
    assert run("init", "ws", cwd=tmp_path).returncode == 0
    workspace = tmp_path / "ws"
    for path in workspace.glob("exercise_*.py"):
        if path.name not in ("exercise_20.py", "exercise_04.py"):
            path.unlink()
    (workspace / "exercise_20.py").write_text(EX20.reference.read_text())
    result = run("check", "--all", "--format", "json", cwd=workspace)
    assert result.returncode == 1  # exercise_04 is still the starter
    documents = {d["exercise"]: d["status"] for d in json.loads(result.stdout)}
    assert documents == {"04": "fail", "20": "pass"}
    events = [json.loads(x) for x in (workspace / "progress.jsonl").read_text().splitlines()]
    assert sorted(e["exercise"] for e in events) == ["04", "20"]


def test_watch_rechecks_on_save_and_stops_on_ctrl_c(tmp_path):
    assert run("init", "ws", cwd=tmp_path).returncode == 0
    workspace = tmp_path / "ws"
    child = pexpect.spawn(GRADER, ["watch", "exercise_20.py"], cwd=str(workspace),
                          encoding="utf-8", timeout=60, dimensions=(40, 120))
    child.expect(f"{len(EX20.checks())} of {len(EX20.checks())} checks failed")
    child.expect("watching 1 file")
    (workspace / "exercise_20.py").write_text(EX20.reference.read_text())
    child.expect(ALL_PASSED_20)
    child.sendintr()
    child.expect("stopped watching")
    child.expect(pexpect.EOF)
    events = [json.loads(x) for x in (workspace / "progress.jsonl").read_text().splitlines()]
    assert [e["status"] for e in events] == ["fail", "pass"]


def test_watch_manual_checks_on_enter(tmp_path):
    assert run("init", "ws", cwd=tmp_path).returncode == 0
    workspace = tmp_path / "ws"
    child = pexpect.spawn(GRADER, ["watch", "exercise_20.py", "--manual"], cwd=str(workspace),
                          encoding="utf-8", timeout=60, dimensions=(40, 120))
    child.expect(f"{len(EX20.checks())} of {len(EX20.checks())} checks failed")
    child.expect("Enter")
    (workspace / "exercise_20.py").write_text(EX20.reference.read_text())
    child.sendline("")
    child.expect(ALL_PASSED_20)
    child.sendline("q")
    child.expect(pexpect.EOF)
