"""The app as a learner drives it: open exercise 20, edit, check, read the verdict, ask for hints.

Textual's ``run_test`` is async and no pytest async plugin is installed, so each test runs its
scenario with ``asyncio.run``.
"""

from __future__ import annotations

import asyncio
import io
import json
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from textual.widgets import Static, TextArea

from grader.exercise import all_exercises, get_exercise
from grader.progress import check_record
from grader.workspace import init_workspace, open_workspace
from tui.app import GraderApp
from tui.sandbox import Sandbox
from tui.widgets.topics import TopicTree

EX20 = get_exercise("20")
REFERENCE = EX20.reference.read_text(encoding="utf-8")
POP_MISSING_RAISES = (EX20.folder / "wrong" / "pop_missing_raises.py").read_text(encoding="utf-8")


def make_workspace(root: Path, lang: str = "en") -> Path:
    init_workspace(root, list(all_exercises().values()))
    # Few examples: the verdicts below are decided by small inputs, and the suite stays fast.
    (root / "grader.yaml").write_text(f"UI:\n  LANG: {lang}\nCHECK:\n  MAX_EXAMPLES: 20\n",
                                      encoding="utf-8")
    return root


def new_app(root: Path) -> GraderApp:
    # Exercise 20 needs no torch; a torch-free zygote starts in a fraction of a second.
    return GraderApp(root, sandbox=Sandbox(preload=()))


def results_text(app: GraderApp) -> str:
    console = Console(file=io.StringIO(), width=100, color_system=None)
    console.print(app.query_one("#results-body", Static).content)
    return console.file.getvalue()


def tree_label(app: GraderApp, exercise_id: str) -> str:
    tree = app.query_one(TopicTree)
    for topic in tree.root.children:
        for node in topic.children:
            if node.data == exercise_id:
                return node.label.plain
    raise AssertionError(f"exercise {exercise_id} is not in the tree")


async def open_exercise(pilot, exercise_id: str) -> None:
    app = pilot.app
    app.query_one(TopicTree).select_exercise(exercise_id)
    app.query_one(TopicTree).focus()
    await pilot.press("enter")
    await pilot.pause()
    assert app.exercise is not None and app.exercise.id == exercise_id


async def check_and_wait(pilot, key: str = "f5") -> None:
    app = pilot.app
    # Hold the grading lock so the moment between the key and the verdict can be looked at.
    with app.sandbox.grading:
        await pilot.press(key)
        assert "checking exercise_20.py" in results_text(app), results_text(app)
    await app.workers.wait_for_complete([w for w in app.workers if w.group == "check"])
    await pilot.pause()


def test_check_passes_a_correct_solution_then_shows_a_wrong_ones_counterexample(tmp_path):
    root = make_workspace(tmp_path / "ws")

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await open_exercise(pilot, "20")
            editor = app.query_one("#editor", TextArea)
            assert app.focused is editor
            assert tree_label(app, "20").startswith("·")

            editor.text = REFERENCE
            await check_and_wait(pilot)
            assert "all 6 checks passed" in results_text(app)
            assert (root / "exercise_20.py").read_text(encoding="utf-8") == REFERENCE
            assert tree_label(app, "20").startswith("✔")

            editor.text = POP_MISSING_RAISES
            await check_and_wait(pilot, "ctrl+r")
            shown = results_text(app)
            assert "drop_keys({}, [0])" in shown and "KeyError" in shown
            assert tree_label(app, "20").startswith("✘")

    asyncio.run(scenario())
    records = open_workspace(root).log.read()
    checks = [r for r in records if r["event"] == "check"]
    assert [r["status"] for r in checks] == ["pass", "fail"]
    assert all(r["exercise"] == "20" and r["v"] == 1 for r in checks)
    # The same record `grader check` writes: the CLI's own function builds it.
    from grader.verdict import Verdict

    assert set(checks[0]) == {"v", "event", "at", *check_record(Verdict("20", "", "pass"))}


def test_status_icons_come_from_the_log_when_the_app_opens(tmp_path):
    root = make_workspace(tmp_path / "ws")
    log = open_workspace(root).log
    log.append("check", exercise="20", status="fail")
    log.append("check", exercise="20", status="pass")

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test() as pilot:
            await pilot.pause()
            assert tree_label(app, "20").startswith("✔")
            others = [e.id for e in all_exercises().values() if e.id != "20"]
            assert all(tree_label(app, i).startswith("·") for i in others)

    asyncio.run(scenario())


def test_hints_advance_per_exercise_are_logged_and_follow_the_language(tmp_path):
    root = make_workspace(tmp_path / "ws", lang="zh")
    hints = EX20.hints["zh"]

    async def first_session() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await open_exercise(pilot, "20")
            assert "移除字典的键" in app.query_one("#prompt").source
            await pilot.press("escape")  # leave the editor: there, h types an h
            await pilot.press("h")
            assert "hint 1 of 3" in results_text(app)
            await pilot.press("h")
            shown = results_text(app)
            assert "hint 2 of 3" in shown and "字典推导式" in shown
            assert app.query_one("#editor", TextArea).text == EX20.starter.read_text(
                encoding="utf-8")  # no stray h typed into the learner's code

    async def second_session() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await open_exercise(pilot, "20")
            await pilot.press("escape")
            await pilot.press("h")  # the hint already seen, not a new one
            assert "hint 2 of 3" in results_text(app)
            await pilot.press("h")
            assert "hint 3 of 3" in results_text(app)
            await pilot.press("h")
            assert "(the last one)" in results_text(app)

    asyncio.run(first_session())
    asyncio.run(second_session())
    levels = [r["level"] for r in open_workspace(root).log.read() if r["event"] == "hint"]
    assert levels == [1, 2, 3]
    assert len(hints) == 3


def test_save_writes_the_buffer_and_leaves_an_unchanged_file_alone(tmp_path):
    root = make_workspace(tmp_path / "ws")
    target = root / "exercise_20.py"

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test() as pilot:
            await open_exercise(pilot, "20")
            target.write_text("# edited elsewhere\n", encoding="utf-8")
            await pilot.press("ctrl+s")  # nothing changed here: the other editor's work stays
            assert target.read_text(encoding="utf-8") == "# edited elsewhere\n"
            app.query_one("#editor", TextArea).text = "# typed here\n"
            await pilot.press("ctrl+s")
            assert target.read_text(encoding="utf-8") == "# typed here\n"

    asyncio.run(scenario())


def test_an_exercise_folder_still_being_written_opens_without_crashing(tmp_path):
    root = make_workspace(tmp_path / "ws")
    (tmp_path / "99_unfinished").mkdir()  # exercise.toml only: no prompt, starter or hints
    unfinished = replace(EX20, id="99", slug="unfinished", folder=tmp_path / "99_unfinished",
                         hints={"en": (), "zh": ()})

    async def scenario() -> None:
        app = new_app(root)
        app.exercises = {**app.exercises, "99": unfinished}
        async with app.run_test(size=(100, 40)) as pilot:
            await open_exercise(pilot, "99")
            assert "no prompt yet" in app.query_one("#prompt").source
            assert app.query_one("#editor", TextArea).read_only
            assert "exercise_99.py does not exist" in results_text(app)
            await pilot.press("escape", "h")
            assert app.return_code is None  # still running

    asyncio.run(scenario())
    assert not (root / "exercise_99.py").exists()


def test_without_a_workspace_it_says_how_to_make_one(tmp_path):
    result = subprocess.run([sys.executable, "-m", "tui"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert "grader init DIR" in result.stderr


def test_opening_the_app_imports_neither_torch_nor_hypothesis():
    code = ("import sys, tui.app; "
            "print(json.dumps([m for m in ('torch', 'hypothesis') if m in sys.modules]))")
    result = subprocess.run([sys.executable, "-c", "import json; " + code],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []
