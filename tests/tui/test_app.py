"""The app as a learner drives it: open exercise 20, edit, check, read the verdict, ask for hints.

Textual's ``run_test`` is async and no pytest async plugin is installed, so each test runs its
scenario with ``asyncio.run``.
"""

from __future__ import annotations

import asyncio
import io
import json
import os
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

from rich.console import Console
from textual.widgets import Static, TextArea

from grader.exercise import all_exercises, get_exercise
from grader.progress import check_record
from grader.quiz.bank import TRUE_FALSE
from grader.workspace import init_workspace, open_workspace
from tui.app import GraderApp
from tui.sandbox import Sandbox
from tui.widgets.editor import ExerciseEditor
from tui.widgets.topics import TopicTree

EX20 = get_exercise("20")
ALL_PASSED_20 = f"all {len(EX20.checks())} checks passed"
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
    assert app.main_screen.exercise is not None and app.main_screen.exercise.id == exercise_id


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
            assert ALL_PASSED_20 in results_text(app)
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
            assert "提示 1/3" in results_text(app)  # the pane's own words in zh too
            await pilot.press("h")
            shown = results_text(app)
            assert "提示 2/3" in shown and "字典推导式" in shown
            assert app.query_one("#editor", TextArea).text == EX20.starter.read_text(
                encoding="utf-8")  # no stray h typed into the learner's code

    async def second_session() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await open_exercise(pilot, "20")
            await pilot.press("escape")
            await pilot.press("h")  # the next unseen one, as `grader hint` gives
            assert "提示 3/3" in results_text(app)
            assert "（最后一条）" not in results_text(app)
            await pilot.press("h")  # all seen: the last again, not logged again
            assert "提示 3/3" in results_text(app) and "（最后一条）" in results_text(app)

    asyncio.run(first_session())
    asyncio.run(second_session())
    levels = [r["level"] for r in open_workspace(root).log.read() if r["event"] == "hint"]
    assert levels == [1, 2, 3]
    assert len(hints) == 3


def test_save_writes_the_buffer_and_follows_another_editors_saves(tmp_path):
    root = make_workspace(tmp_path / "ws")
    target = root / "exercise_20.py"

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test() as pilot:
            await open_exercise(pilot, "20")
            editor = app.query_one("#editor", TextArea)
            target.write_text("# edited elsewhere\n", encoding="utf-8")
            await pilot.press("ctrl+s")  # nothing changed here: the other editor's work stays
            assert target.read_text(encoding="utf-8") == "# edited elsewhere\n"
            await pilot.pause(ExerciseEditor.DISK_POLL_S + 0.3)  # the app shows that version
            assert editor.text == "# edited elsewhere\n"
            editor.text = "# typed here\n"
            await pilot.press("ctrl+s")
            assert target.read_text(encoding="utf-8") == "# typed here\n"

    asyncio.run(scenario())


def conflict_scenario(root: Path, answer: str | None):
    """Both sides changed: the learner typed, another editor saved; then ctrl+s and answer."""
    target = root / "exercise_20.py"

    async def scenario() -> GraderApp:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await open_exercise(pilot, "20")
            editor = app.query_one("#editor", TextArea)
            editor.text = "# typed here\n"
            target.write_text("# saved by vim\n", encoding="utf-8")
            await pilot.press("ctrl+s")
            await pilot.pause()
            assert type(app.screen).__name__ == "Dialog"
            assert "changed on disk" in app.screen.question
            assert target.read_text(encoding="utf-8") == "# saved by vim\n"  # not yet
            if answer is None:
                await pilot.press("escape")
            else:
                await pilot.click(f"#answer-{answer}")
            await pilot.pause()
            assert type(app.screen).__name__ != "Dialog"
            app.final_editor_text = editor.text
        return app

    return asyncio.run(scenario())


def backups(root: Path, kind: str) -> list[str]:
    return [p.read_text(encoding="utf-8") for p in root.glob(f"exercise_20.py.*.{kind}.bak")]


def test_conflict_keep_my_edits_saves_them_and_keeps_the_other_version(tmp_path):
    root = make_workspace(tmp_path / "ws")
    conflict_scenario(root, "mine")
    assert (root / "exercise_20.py").read_text(encoding="utf-8") == "# typed here\n"
    assert backups(root, "disk") == ["# saved by vim\n"]


def test_conflict_load_the_file_shows_it_and_keeps_my_edits_aside(tmp_path):
    root = make_workspace(tmp_path / "ws")
    app = conflict_scenario(root, "disk")
    assert app.final_editor_text == "# saved by vim\n"
    assert (root / "exercise_20.py").read_text(encoding="utf-8") == "# saved by vim\n"
    assert backups(root, "unsaved") == ["# typed here\n"]


def test_conflict_decided_later_changes_nothing(tmp_path):
    root = make_workspace(tmp_path / "ws")
    app = conflict_scenario(root, None)
    assert app.final_editor_text == "# typed here\n"
    assert (root / "exercise_20.py").read_text(encoding="utf-8") == "# saved by vim\n"
    assert not list(root.glob("*.bak"))


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


def test_without_a_workspace_and_a_terminal_it_says_how_to_make_one(tmp_path):
    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data")}
    result = subprocess.run([sys.executable, "-m", "tui"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60, env=env)
    assert result.returncode == 2
    assert "grader init DIR" in result.stderr
    assert not (tmp_path / "data").exists()


def test_without_a_workspace_it_offers_one_in_the_data_folder_then_reopens_it(tmp_path):
    import pexpect

    env = {**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), "TERM": "xterm-256color"}
    default = tmp_path / "data" / "grader" / "workspace"
    app = pexpect.spawn(sys.executable, ["-m", "grader"], cwd=str(tmp_path), env=env,
                        dimensions=(24, 80), timeout=30, encoding="utf-8")
    app.expect_exact("Create one at")
    app.sendline("y")
    app.expect_exact("created")
    app.expect("exercises|Check")  # the app's first frame
    app.send("q")
    app.expect(pexpect.EOF)
    app.close()
    assert app.exitstatus == 0
    assert (default / "grader.yaml").is_file() and (default / "exercise_01.py").is_file()

    again = pexpect.spawn(sys.executable, ["-m", "grader", "tui"], cwd=str(tmp_path), env=env,
                          dimensions=(24, 80), timeout=30, encoding="utf-8")
    again.expect_exact("opening yours at")  # from any folder, without asking again
    again.expect("exercises|Check")
    again.send("q")
    again.expect(pexpect.EOF)


def test_opening_the_app_imports_neither_torch_nor_hypothesis():
    code = ("import sys, tui.app; "
            "print(json.dumps([m for m in ('torch', 'hypothesis') if m in sys.modules]))")
    result = subprocess.run([sys.executable, "-c", "import json; " + code],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == []


def test_open_in_editor_runs_editor_on_the_file_and_shows_what_it_saved(tmp_path, monkeypatch):
    import contextlib

    root = make_workspace(tmp_path / "ws")
    fake_editor = tmp_path / "fake_editor.py"
    fake_editor.write_text("import sys\nopen(sys.argv[1], 'a').write('# added in my editor\\n')\n",
                           encoding="utf-8")
    monkeypatch.delenv("VISUAL", raising=False)
    monkeypatch.setenv("EDITOR", f"{sys.executable} {fake_editor}")

    async def scenario() -> None:
        app = new_app(root)
        app.suspend = contextlib.nullcontext  # the headless test driver cannot suspend
        async with app.run_test(size=(100, 40)) as pilot:
            await open_exercise(pilot, "20")
            editor = app.query_one("#editor", TextArea)
            editor.text = "# typed here\n"
            await pilot.press("f6")  # our edits are saved first, so the editor sees them
            await pilot.pause()
            assert editor.text == "# typed here\n# added in my editor\n"
            assert "modified" not in str(editor.border_title)

    asyncio.run(scenario())
    assert (root / "exercise_20.py").read_text(encoding="utf-8") == (
        "# typed here\n# added in my editor\n")


def test_reset_asks_then_restores_the_starter_and_keeps_a_backup(tmp_path):
    root = make_workspace(tmp_path / "ws")

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await open_exercise(pilot, "20")
            editor = app.query_one("#editor", TextArea)
            editor.text = "# my attempt\n"
            await pilot.press("f8")
            await pilot.pause()
            assert "Put the starter back" in app.screen.question
            await pilot.click("#answer-reset")
            await pilot.pause()
            assert editor.text == EX20.starter.read_text(encoding="utf-8")

    asyncio.run(scenario())
    assert [p.read_text(encoding="utf-8") for p in root.glob("exercise_20.py.*.bak")] == [
        "# my attempt\n"]
    resets = [r for r in open_workspace(root).log.read() if r["event"] == "reset"]
    assert len(resets) == 1 and resets[0]["backup"].startswith("exercise_20.py.")


def test_solution_is_offered_only_after_asking_until_passed(tmp_path):
    root = make_workspace(tmp_path / "ws")

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await open_exercise(pilot, "20")
            await pilot.press("f7")
            await pilot.pause()
            assert "not solved yet" in app.screen.question
            await pilot.click("#answer-hint")  # keep trying: nothing shown, nothing logged
            await pilot.pause()
            assert not [r for r in app.workspace.log.read() if r["event"] == "solution"]
            app.workspace.log.append("check", exercise="20", status="pass")
            await pilot.press("f7")  # passed now: straight to the reference
            await pilot.pause()
            assert type(app.screen).__name__ == "Reader"
            assert "def drop_keys" in app.screen.python
            assert "Other ways to write it" in app.screen.markdown  # after a pass, as the CLI
            assert all(path.stem in app.screen.markdown for path in EX20.solutions)

    asyncio.run(scenario())
    shown = [r for r in open_workspace(root).log.read() if r["event"] == "solution"]
    assert [r["forced"] for r in shown] == [False]


def test_palette_goes_to_an_exercise_and_switches_language(tmp_path):
    root = make_workspace(tmp_path / "ws")

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await pilot.press("ctrl+p")
            await pilot.press(*"exercise 04")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause(0.3)
            assert app.main_screen.exercise is not None
            assert app.main_screen.exercise.id == "04"
            await pilot.press("ctrl+p")
            await pilot.press(*"language zh")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause(0.3)
            assert app.lang == "zh"
            assert "均值" in app.query_one("#prompt").source

    asyncio.run(scenario())


def test_the_buttons_do_what_their_keys_do(tmp_path):
    root = make_workspace(tmp_path / "ws")

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await open_exercise(pilot, "20")
            await pilot.click("#do-hint")
            assert "hint 1 of 3" in results_text(app)
            app.query_one("#editor", TextArea).text = REFERENCE
            await pilot.click("#do-check")
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "check"])
            await pilot.pause()
            assert ALL_PASSED_20 in results_text(app)

    asyncio.run(scenario())


def test_f3_takes_a_quiz_question_and_logs_it_like_the_cli(tmp_path):
    root = make_workspace(tmp_path / "ws")

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            await pilot.press("f3")
            screen = app.screen
            assert type(screen).__name__ == "QuizScreen"
            for _ in range(50):  # the first question comes from the bank: no sandbox wait
                await pilot.pause(0.05)
                if screen._question is not None:
                    break
            question = screen._question
            assert question is not None
            options = question.choices or (TRUE_FALSE if question.kind == "truefalse" else ())
            if options:
                await pilot.press("abcd"[options.index(question.answer)])
            else:
                await pilot.press(*question.answer, "enter")
            await pilot.pause()
            assert "✓" in str(screen.query_one("#quiz-verdict").render())
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is app.screen_stack[0]

    asyncio.run(scenario())
    answers = [r for r in open_workspace(root).log.read() if r["event"] == "quiz"]
    assert len(answers) == 1 and answers[0]["correct"] is True


def children_of(pid: int) -> list[int]:
    found = []
    for status in Path("/proc").glob("[0-9]*/status"):
        try:
            fields = dict(line.split(":\t", 1) for line in status.read_text().splitlines()
                          if ":\t" in line)
        except OSError:
            continue
        if fields.get("PPid", "").strip() == str(pid):
            found.append(int(status.parent.name))
    return found


def test_a_new_check_cancels_a_running_one_and_kills_its_worker(tmp_path):
    root = make_workspace(tmp_path / "ws")
    # Without the cancel, the endless call would hold the next check for CALL_TIMEOUT (60 s).
    with open(root / "grader.yaml", "a", encoding="utf-8") as handle:
        handle.write("  CALL_TIMEOUT: 60.0\n")
    endless = "def drop_keys(d, keys):\n    while True:\n        pass\n"

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await open_exercise(pilot, "20")
            editor = app.query_one("#editor", TextArea)
            editor.text = endless
            await pilot.press("f5")
            zygote = app.sandbox.zygote()
            for _ in range(100):  # until the endless call is running in a worker
                await pilot.pause(0.05)
                if children_of(zygote.pid):
                    break
            assert children_of(zygote.pid), "the first check never started a worker"
            started = time.monotonic()
            editor.text = REFERENCE
            await pilot.press("f5")
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "check"])
            await pilot.pause()
            assert time.monotonic() - started < 15
            assert ALL_PASSED_20 in results_text(app)
            assert children_of(zygote.pid) == []  # the endless worker is gone

    asyncio.run(scenario())
    statuses = [r["status"] for r in open_workspace(root).log.read() if r["event"] == "check"]
    assert statuses == ["pass"]  # the cancelled check is neither shown nor logged
