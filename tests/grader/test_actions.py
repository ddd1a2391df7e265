"""The learner's actions as every front end gets them (grader.actions): the hint policy,
solution gating, reset, check-and-log. The CLI's and the app's own tests drive the same
functions through their keys and commands."""

from __future__ import annotations

import pytest

from grader import actions
from grader.checker import Checker
from grader.exercise import get_exercise
from grader.workspace import init_workspace, open_workspace

EX20 = get_exercise("20")


@pytest.fixture
def workspace(tmp_path):
    init_workspace(tmp_path, [EX20])
    return open_workspace(tmp_path, ["CHECK.MAX_EXAMPLES", "20"])


def _events(workspace, event):
    return [r for r in workspace.log.read() if r["event"] == event]


def test_each_hint_request_reveals_the_next_unseen_level_then_repeats_the_last(workspace):
    shown = [actions.next_hint(workspace, EX20) for _ in range(5)]
    assert [(h.level, h.new) for h in shown] == [(1, True), (2, True), (3, True),
                                                 (3, False), (3, False)]
    assert shown[2].last and shown[2].text == EX20.hints["en"][2]
    assert [r["level"] for r in _events(workspace, "hint")] == [1, 2, 3]


def test_a_chosen_level_is_logged_only_when_unseen_and_out_of_range_is_refused(workspace):
    assert actions.next_hint(workspace, EX20, level=2).new
    assert not actions.next_hint(workspace, EX20, level=1).new  # below what was seen
    assert actions.next_hint(workspace, EX20).level == 3  # the next after the highest seen
    with pytest.raises(actions.ActionRefused, match="levels 1 to 3"):
        actions.next_hint(workspace, EX20, level=4)
    assert actions.next_hint(workspace, EX20, lang="zh").text == EX20.hints["zh"][2]
    assert [r["level"] for r in _events(workspace, "hint")] == [2, 3]


def test_the_solution_waits_for_a_pass_and_then_brings_the_other_ways(workspace):
    with pytest.raises(actions.NotSolvedYet, match="--force"):
        actions.solution(workspace, EX20)
    assert _events(workspace, "solution") == []
    forced = actions.solution(workspace, EX20, force=True)
    assert forced.forced and "def drop_keys" in forced.reference and forced.alternatives == ()
    workspace.log.append("check", exercise="20", status="pass")
    earned = actions.solution(workspace, EX20)
    assert not earned.forced
    assert [name for name, _ in earned.alternatives] == [p.stem for p in EX20.solutions]
    assert [r["forced"] for r in _events(workspace, "solution")] == [True, False]


def test_reset_keeps_the_learners_file_and_logs_it(workspace):
    mine = workspace.exercise_file(EX20)
    mine.write_text("# mine\n", encoding="utf-8")
    backup = actions.reset(workspace, EX20)
    assert backup.read_text(encoding="utf-8") == "# mine\n"
    assert mine.read_text(encoding="utf-8") == EX20.starter.read_text(encoding="utf-8")
    assert _events(workspace, "reset")[-1]["backup"] == backup.name


def test_check_grades_with_the_warm_checker_and_logs_one_record(workspace):
    path = workspace.exercise_file(EX20)
    path.write_text(EX20.reference.read_text(encoding="utf-8"), encoding="utf-8")
    with Checker(preload=()) as checker:
        verdict = actions.check(workspace, EX20, path, workspace.cfg, checker)
        again = actions.check(None, EX20, path, workspace.cfg, checker)  # no workspace: no log
    assert verdict.passed and again.passed
    (record,) = _events(workspace, "check")
    assert record["status"] == "pass" and record["sha256"] == verdict.submission_sha256


def test_no_front_end_writes_check_or_hint_records_itself():
    from pathlib import Path

    import grader

    roots = [Path(grader.__file__).parent, Path(grader.__file__).parents[1] / "tui"]
    writers = []
    for root in roots:
        for path in root.rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            if path.name != "actions.py" and ('append("check"' in text or
                                              'append("hint"' in text):
                writers.append(path.name)
    assert writers == []
