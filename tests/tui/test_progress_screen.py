"""The progress screen over a fixed log: counts per topic, streak, quiz accuracy, both languages.

Exercises and records are synthetic and ``today`` is pinned, so the snapshots change only when
the screen does (not when an exercise is added). Scenarios run with ``asyncio.run``: no pytest
async plugin is installed.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pytest
from textual.app import App
from textual.widgets import DataTable, Sparkline, Static

from grader.exercise import Exercise, get_exercise
from tui.screens.progress import ProgressScreen

TODAY = date(2025, 3, 14)
_BASE = get_exercise("20")
_CATALOG = [  # id, topic, en title, zh title; no "training" exercise: an empty topic shows too
    ("01", "helpers", "A logger for training runs", "给训练脚本配一个 logger"),
    ("02", "device", "Time a model correctly", "正确地给模型计时"),
    ("03", "data", "Normalize statistics", "Normalize 的统计量"),
    ("04", "data", "collate_fn for variable-length sequences, padded to the longest",
     "变长序列的 collate_fn"),
    ("05", "model", "Conv2d output size", "Conv2d 的输出尺寸"),
    ("06", "model", "Pick flatten dims", "选择 flatten 的维度"),
    ("07", "functions", "Masked max", "带掩码的最大值"),
    ("08", "python", "Removing dict keys", "移除字典的键"),
    ("09", "python", "JSON Lines: append and read records", "JSON Lines：追加与读取记录"),
]
EXERCISES: dict[str, Exercise] = {
    exercise_id: replace(_BASE, id=exercise_id, topic=topic, title={"en": en, "zh": zh})
    for exercise_id, topic, en, zh in _CATALOG}


def _event(event: str, days_ago: int, **fields: Any) -> dict[str, Any]:
    at = datetime.combine(TODAY - timedelta(days=days_ago), time(9, 30), tzinfo=UTC)
    return {"v": 1, "event": event, "at": at.isoformat(timespec="milliseconds"), **fields}


RECORDS = [
    _event("check", 20, exercise="08", status="fail"),
    _event("check", 20, exercise="08", status="pass"),
    _event("hint", 12, exercise="05", level=2),
    _event("check", 12, exercise="05", status="fail"),
    _event("check", 2, exercise="05", status="pass"),
    _event("check", 2, exercise="06", status="pass"),
    _event("check", 1, exercise="06", status="fail"),  # passed once, failing now: not done
    _event("check", 1, exercise="01", status="error"),
    _event("hint", 1, exercise="01", level=1),
    _event("quiz", 1, template="conv-out", topic="model", kind="typed", correct=True),
    _event("quiz", 1, template="flatten", topic="model", kind="choice", correct=False),
    _event("quiz", 0, template="dict-pop", topic="python", kind="truefalse", correct=True),
    _event("check", 0, exercise="09", status="pass"),
]


class Host(App[None]):
    """Opens the progress screen over an empty main screen, as the app does."""

    def __init__(self, lang: str = "en") -> None:
        super().__init__()
        self.lang = lang

    def on_mount(self) -> None:
        self.push_screen(ProgressScreen(RECORDS, EXERCISES, lang=self.lang, today=TODAY))


def _label(screen: ProgressScreen, widget_id: str) -> str:
    return str(screen.query_one(f"#{widget_id}", Static).content)


def test_shows_done_counts_attempts_hints_and_quiz_accuracy_per_topic():
    async def scenario() -> None:
        app = Host()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ProgressScreen)
            done = {t: _label(screen, f"done-{t}") for t in ("helpers", "data", "model",
                                                               "training", "python")}
            assert done == {"helpers": "0/1", "data": "0/2", "model": "1/2", "training": "0/0",
                            "python": "2/2"}
            assert _label(screen, "attempts-model") == "4"
            assert _label(screen, "hints-model") == "2"
            assert _label(screen, "quiz-model") == "1/2 50%"
            assert _label(screen, "quiz-python") == "1/1 100%"
            assert _label(screen, "quiz-data") == "–"
            assert _label(screen, "overall") == "overall 3/9 exercises done"
            assert _label(screen, "streak") == "streak: 3 day(s)"
            assert _label(screen, "quiz-overall") == "quiz: 2/3 66% right"
            assert list(screen.query_one(Sparkline).data or [])[-3:] == [2, 5, 2]
            assert len(screen.query_one(Sparkline).data or []) == 30
            table = screen.query_one(DataTable)
            assert table.row_count == len(EXERCISES)
            assert str(table.get_row("06")[2]) == "✘ failing"

    asyncio.run(scenario())


def test_labels_are_chinese_when_the_app_is():
    async def scenario() -> None:
        app = Host(lang="zh")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            screen = app.screen
            assert str(screen.query_one("#progress-title", Static).content) == "学习进度"
            assert _label(screen, "streak") == "连续学习：3 天"
            assert _label(screen, "overall") == "总计完成 3/9 道练习"
            row = screen.query_one(DataTable).get_row("08")
            assert str(row[1]) == "移除字典的键" and str(row[2]) == "✔ 完成"

    asyncio.run(scenario())


@pytest.mark.parametrize("key", ["escape", "q", "p"])
def test_escape_q_and_p_close_it(key):
    async def scenario() -> None:
        app = Host()
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, ProgressScreen)
            await pilot.press(key)
            await pilot.pause()
            assert not isinstance(app.screen, ProgressScreen)

    asyncio.run(scenario())


def test_every_binding_has_an_id_and_a_description():
    assert ProgressScreen.BINDINGS
    assert all(b.id and b.description for b in ProgressScreen.BINDINGS)


@pytest.mark.parametrize("size", [(80, 24), (160, 48)], ids=["80x24", "160x48"])
def test_snapshot_english(snap_compare, size):
    assert snap_compare(Host(), terminal_size=size)


def test_snapshot_chinese_80x24(snap_compare):
    assert snap_compare(Host(lang="zh"), terminal_size=(80, 24))


def test_snapshot_80x24_scrolled_to_the_exercises(snap_compare):
    assert snap_compare(Host(), press=["end"], terminal_size=(80, 24))
