"""What the learner sees, pixel for pixel: the exercise screen and its dialogs at 80×24 and
160×48. Update on purpose with `pytest tests/tui/test_snapshots.py --snapshot-update` and look
at the SVGs before committing them.
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets import TextArea

from grader.exercise import all_exercises, get_exercise
from grader.workspace import init_workspace, open_workspace
from tui.app import GraderApp
from tui.sandbox import Sandbox

SIZES = pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
WRONG_20 = (get_exercise("20").folder / "wrong" / "pop_missing_raises.py").read_text(
    encoding="utf-8")


def make_app(tmp_path, lang: str = "en") -> GraderApp:
    root = tmp_path / "ws"
    init_workspace(root, list(all_exercises().values()))
    (root / "grader.yaml").write_text(f"UI:\n  LANG: {lang}\nCHECK:\n  MAX_EXAMPLES: 20\n",
                                      encoding="utf-8")
    log = open_workspace(root).log
    for exercise_id, status in (("01", "pass"), ("02", "fail"), ("20", "pass")):
        log.append("check", exercise=exercise_id, status=status)
    return GraderApp(root, sandbox=Sandbox(preload=()))


@pytest.fixture
def app(tmp_path) -> GraderApp:
    return make_app(tmp_path)


async def settle(pilot) -> None:
    """Wait for what is drawn after the first frame (the prompt, the header's quiz count),
    then pin what differs per machine (the tmp path) or per moment (the cursor's blink)."""
    app = pilot.app
    for _ in range(200):
        await pilot.pause(0.05)
        if app.query_one("#prompt").source and app.main_screen.due_counted:
            break
    else:
        raise AssertionError("the app did not finish drawing within 10 s")
    await pilot.pause()
    app.query_one("#editor", TextArea).cursor_blink = False
    app.sub_title = app.sub_title.replace(str(app.workspace.root), "~/grader-workspace")
    await pilot.pause()


@SIZES
def test_exercise_screen(snap_compare, app, size):
    assert snap_compare(app, terminal_size=size, run_before=settle)


def test_exercise_screen_in_chinese_80x24(snap_compare, tmp_path):
    assert snap_compare(make_app(tmp_path, "zh"), terminal_size=(80, 24), run_before=settle)


@SIZES
def test_a_failing_check_shows_its_counterexample(snap_compare, app, size):
    async def check_a_wrong_solution(pilot) -> None:
        await settle(pilot)
        app.main_screen.action_go_to("20")
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "default"])
        await pilot.pause()
        app.query_one("#editor", TextArea).text = WRONG_20
        app.query_one("#results").focus()
        await pilot.press("f5")
        await app.workers.wait_for_complete([w for w in app.workers if w.group == "check"])
        await pilot.pause()
        # the one figure that differs per run: how long the check took
        main = app.main_screen
        main._verdicts["20"] = replace(main._verdicts["20"], duration_s=0.5)
        main._show_results()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=check_a_wrong_solution)


@SIZES
def test_help(snap_compare, app, size):
    async def open_help(pilot) -> None:
        await settle(pilot)
        await pilot.press("f1")

    assert snap_compare(app, terminal_size=size, run_before=open_help)


def test_reset_dialog_80x24(snap_compare, app):
    async def ask_to_reset(pilot) -> None:
        await settle(pilot)
        await pilot.press("f8")

    assert snap_compare(app, terminal_size=(80, 24), run_before=ask_to_reset)
