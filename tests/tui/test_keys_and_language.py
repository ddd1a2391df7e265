"""Keys a learner remaps in grader.yaml (UI.KEYMAP), and the screen's own words in Chinese."""

from __future__ import annotations

import asyncio
import re
import subprocess
import sys
from pathlib import Path

import pytest
from textual.widgets import Button, TextArea

from grader.config import ConfigError
from grader.exercise import all_exercises, get_exercise
from grader.workspace import init_workspace
from tui.app import GraderApp
from tui.sandbox import Sandbox
from tui.strings import STRINGS
from tui.widgets.topics import TopicTree

EX20 = get_exercise("20")
REFERENCE = EX20.reference.read_text(encoding="utf-8")


def make_workspace(root: Path, yaml: str) -> Path:
    init_workspace(root, list(all_exercises().values()))
    (root / "grader.yaml").write_text(f"CHECK:\n  MAX_EXAMPLES: 20\n{yaml}", encoding="utf-8")
    return root


def new_app(root: Path) -> GraderApp:
    return GraderApp(root, sandbox=Sandbox(preload=()))  # exercise 20 needs no torch


async def open_20(pilot) -> None:
    app = pilot.app
    app.query_one(TopicTree).select_exercise("20")
    app.query_one(TopicTree).focus()
    await pilot.press("enter")
    await pilot.pause()


def footer_labels(app: GraderApp) -> dict[str, str]:
    """What the footer shows: key -> label, for the bindings it lists."""
    return {key: active.binding.description for key, active in app.screen.active_bindings.items()
            if active.binding.show}


def recorded_notifications(app: GraderApp) -> list[str]:
    shown: list[str] = []
    notify = app.notify

    def record(message: str, **options) -> None:
        shown.append(message)
        notify(message, **options)

    app.notify = record
    return shown


def test_a_remapped_check_key_checks_and_the_help_page_and_button_name_it(tmp_path):
    root = make_workspace(tmp_path / "ws", "UI:\n  KEYMAP:\n    check: f9\n")

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await open_20(pilot)
            main = app.main_screen
            app.query_one("#editor", TextArea).text = REFERENCE
            await pilot.press("f5")  # the old key: nothing happens
            await pilot.pause()
            assert main._checking is None and "20" not in main._verdicts
            await pilot.press("f9")
            await app.workers.wait_for_complete([w for w in app.workers if w.group == "check"])
            await pilot.pause()
            assert main._verdicts["20"].status == "pass"
            assert footer_labels(app).get("f9") == "Check" and "f5" not in footer_labels(app)
            assert str(main.query_one("#do-check", Button).label) == "Check F9"
            await pilot.press("f1")
            await pilot.pause()
            page = app.screen.markdown
            assert re.search(r"^- \*\*F9\*\* · save, then check .* · `check`$", page, re.M), page
            assert "F5" not in page

    asyncio.run(scenario())


@pytest.mark.parametrize(("keymap", "named"), [
    ("chek: f9", "UI.KEYMAP.chek: no key has that id"),
    ("check: 'ctrl+'", "UI.KEYMAP.check: 'ctrl+' is not a key name"),
    ("check: 'f9,f99'", "UI.KEYMAP.check: 'f99' is not a key name"),
    ("check: 9", "UI.KEYMAP.check must be a key such as f9"),
])
def test_a_bad_keymap_is_a_config_error_naming_the_setting(tmp_path, keymap, named):
    root = make_workspace(tmp_path / "ws", f"UI:\n  KEYMAP:\n    {keymap}\n")
    with pytest.raises(ConfigError) as raised:
        new_app(root)
    assert named in str(raised.value)


def test_grader_reports_a_bad_keymap_in_one_line_before_opening_the_app(tmp_path):
    root = make_workspace(tmp_path / "ws", "UI:\n  KEYMAP:\n    chek: f9\n")
    result = subprocess.run([sys.executable, "-m", "grader"], cwd=root, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 2
    assert result.stderr.startswith("grader: UI.KEYMAP.chek: no key has that id")
    assert len(result.stderr.strip().splitlines()) == 1 and "Traceback" not in result.stderr


def test_in_chinese_the_footer_dialogs_and_notifications_are_chinese(tmp_path):
    root = make_workspace(tmp_path / "ws", "UI:\n  LANG: zh\n")
    target = root / "exercise_20.py"

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            shown = recorded_notifications(app)
            await open_20(pilot)
            labels = footer_labels(app)
            assert labels["f5"] == "检查" and labels["ctrl+s"] == "保存"
            assert str(app.query_one("#do-check", Button).label) == "检查 F5"
            editor = app.query_one("#editor", TextArea)
            editor.text = "# 我的修改\n"
            await pilot.pause()
            assert "已修改" in str(editor.border_title)
            await pilot.press("ctrl+s")
            assert shown[-1] == "已保存 exercise_20.py"

            await pilot.press("f8")
            await pilot.pause()
            assert "恢复成初始代码" in app.screen.question
            assert str(app.screen.query_one("#answer-reset", Button).label) == "重置"
            assert footer_labels(app)["escape"] == "取消"
            await pilot.click("#answer-reset")
            await pilot.pause()
            assert shown[-1].startswith("exercise_20.py 已恢复为初始代码；你的版本在 ")

            editor.text = "# 又改了\n"
            target.write_text("# saved by vim\n", encoding="utf-8")
            await pilot.press("ctrl+s")  # both sides changed: the conflict question
            await pilot.pause()
            assert "被别的程序修改了" in app.screen.question
            await pilot.click("#answer-mine")
            await pilot.pause()
            assert shown[-1].startswith("已把你的修改保存到 exercise_20.py；文件原来的版本在 ")

    asyncio.run(scenario())
    assert target.read_text(encoding="utf-8") == "# 又改了\n"


def test_the_palettes_language_switch_relabels_the_footer_and_buttons(tmp_path):
    root = make_workspace(tmp_path / "ws", "")

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await pilot.pause()
            assert footer_labels(app)["f1"] == "Help"
            await pilot.press("ctrl+p")
            await pilot.press(*"language zh")
            await pilot.pause(0.3)
            await pilot.press("enter")
            await pilot.pause(0.3)
            assert footer_labels(app)["f1"] == "帮助"
            assert str(app.query_one("#do-hint", Button).label) == "提示 h"
            await pilot.press("f1")
            await pilot.pause()
            row = "- **F5 / Ctrl+R** · 保存，然后用参考答案检查这道题 · `check`"
            assert row in app.screen.markdown

    asyncio.run(scenario())


def test_every_string_exists_in_both_languages_with_the_same_placeholders():
    def fields(sentence: str) -> set[str]:
        return set(re.findall(r"\{(\w+)\}", sentence))

    assert STRINGS["en"].keys() == STRINGS["zh"].keys()
    differing = [name for name, sentence in STRINGS["en"].items()
                 if fields(sentence) != fields(STRINGS["zh"][name])]
    assert differing == []


def test_every_binding_of_every_screen_can_be_remapped_and_has_a_label_in_both_languages():
    from tui.bindings import APP_KEYS, MAIN_KEYS, OTHER_IDS
    from tui.screens.dialogs import Dialog, Reader
    from tui.screens.progress import ProgressScreen
    from tui.screens.quiz import QuizScreen

    defined = {binding.id for screen in (Dialog, Reader, ProgressScreen, QuizScreen)
               for binding in screen.BINDINGS}
    assert set(OTHER_IDS) == defined
    every_id = [key.id for key in (*MAIN_KEYS, *APP_KEYS)] + list(OTHER_IDS)
    assert [i for i in every_id if f"key.{i}" not in STRINGS["en"]] == []


def test_an_unreadable_progress_log_is_one_line_before_the_app_opens(tmp_path):
    """Run as an unprivileged learner (root reads any file): the log is read before the
    terminal is taken, so the CLI can say what is wrong instead of a Textual traceback."""
    import os
    import shutil
    import tempfile

    folder = Path(tempfile.mkdtemp(prefix="grader-unreadable-log-"))  # nobody can reach it
    try:
        folder.chmod(0o755)
        root = make_workspace(folder / "ws", "")
        log = root / "progress.jsonl"
        log.write_text('{"v": 1, "event": "reset", "at": "2026-01-01T00:00:00+00:00"}\n',
                       encoding="utf-8")
        log.chmod(0o000)
        as_learner = (["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
                      if os.geteuid() == 0 else [])
        result = subprocess.run([*as_learner, sys.executable, "-m", "grader"], cwd=root,
                                capture_output=True, text=True, timeout=60,
                                env={**os.environ, "HOME": str(folder)})
        assert result.returncode == 2, result.stderr
        assert result.stderr == f"grader: cannot read the progress log {log}: " \
                                "Permission denied\n"
    finally:
        shutil.rmtree(folder)


@pytest.mark.parametrize(("lang", "words"), [("en", "process limits only"),
                                             ("zh", "只在进程限制下运行")])
def test_without_the_strict_sandbox_the_app_says_so(tmp_path, monkeypatch, lang, words):
    """The CLI warns on stderr; in the app that line would never be seen."""
    from grader.sandbox.isolation import isolation_status

    root = make_workspace(tmp_path / "ws", f"UI:\n  LANG: {lang}\n")
    monkeypatch.setenv("GRADER_SANDBOX", "limits-only")
    isolation_status.cache_clear()

    shown: list[str] = []
    notify = GraderApp.notify

    def record(app, message: str, **options) -> None:  # from the first moment on
        shown.append(message)
        notify(app, message, **options)

    monkeypatch.setattr(GraderApp, "notify", record)

    async def scenario() -> None:
        app = new_app(root)
        async with app.run_test(size=(100, 40)) as pilot:
            await app.workers.wait_for_complete([w for w in app.workers
                                                 if w.group == "sandbox"])
            await pilot.pause()

    try:
        asyncio.run(scenario())
    finally:
        isolation_status.cache_clear()
    assert [m for m in shown if words in m and "GRADER_SANDBOX=limits-only" in m]


def test_a_key_remapped_with_set_for_one_run_shows_in_the_footer(tmp_path):
    root = make_workspace(tmp_path / "ws", "")

    async def scenario() -> dict[str, str]:
        app = GraderApp(root, ["UI.KEYMAP.check", "f9"], sandbox=Sandbox(preload=()))
        async with app.run_test(size=(100, 40)) as pilot:
            await open_20(pilot)
            return footer_labels(app)

    labels = asyncio.run(scenario())
    assert labels.get("f9") == "Check" and "f5" not in labels
