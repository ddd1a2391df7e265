"""The quiz screen as a learner drives it: pick a choice, type an answer, wait for a code
question, read the score; each answer lands in the log as `grader quiz` writes it.

Questions come from a small pool made here (bank entries and one code template answered by a
fake runner), so no sandbox or torch is needed and the snapshots never change by themselves.
``run_test`` is async and no pytest async plugin is installed: scenarios run in asyncio.run.
"""

from __future__ import annotations

import asyncio
import threading
from pathlib import Path

import pytest
from textual.app import App
from textual.widgets import Input, RadioSet, Static

from grader.progress import ProgressLog
from grader.quiz.bank import BankEntry
from grader.quiz.question import LEARNER_ENV
from grader.quiz.session import Session, new_session
from grader.quiz.templates import Draft, Template
from grader.sandbox.limits import Limits
from grader.workspace import init_workspace, open_workspace
from tui.sandbox import Sandbox
from tui.screens.quiz import QuizScore, QuizScreen, SandboxSnippets

PICK = BankEntry(
    "python.list_append", "python", "choice",
    "Which call adds one item at the end of a list?", "哪个调用在列表末尾添加一个元素？",
    "items.append(3)",
    "append adds one item; extend adds every item of an iterable.",
    "append 添加一个元素；extend 逐个添加可迭代对象中的元素。",
    # One long choice: at 80 columns it wraps instead of being cut off.
    traps=("items.extend(3)", "items.insert(3)",
           "items.add(3), the method sets use to add an element, which lists do not have"),
    code="items = [1, 2]\n# which call gives [1, 2, 3]?\nprint(items)")
TRUTH = BankEntry(
    "python.dict_order", "python", "truefalse",
    "A dict keeps its keys in the order they were inserted.",
    "字典按插入顺序保存键。", "True",
    "Since Python 3.7 insertion order is part of the language.",
    "从 Python 3.7 起，插入顺序是语言规范的一部分。")
TYPED = BankEntry(
    "data.shape_typed", "data", "short",
    "What shape does torch.zeros(2, 3) have?", "torch.zeros(2, 3) 的形状是什么？", "(2, 3)",
    "One size per argument, in order.", "每个参数是一个维度的大小，按顺序排列。")


def _count_draw(rng) -> Draft:
    return Draft("print(len([4, 5, 6]))", "What does this print?", "这段代码打印什么？",
                 "len counts the items.", "len 统计元素个数。")


COUNT = Template("python.len_output", "python", "output", "len of a list", "列表的长度",
                 _count_draw)
POOL = {card.id: card for card in (PICK, TRUTH, TYPED, COUNT)}
SEED = 3  # the right choice is c) with this seed: the arrows have somewhere to go


class FakeRunner:
    """Stands in for the sandbox: '3' for every snippet, once ``gate`` opens."""

    def __init__(self, gate: threading.Event | None = None, failure: str | None = None) -> None:
        self.gate = gate
        self.failure = failure

    def run(self, snippets: list[str]) -> list[str]:
        if self.gate is not None:
            self.gate.wait(timeout=30)
        if self.failure is not None:
            raise RuntimeError(self.failure)
        return ["3" for _ in snippets]


class QuizHost(App[None]):
    """The smallest app that opens the quiz screen, as the practice app will."""

    TITLE = "grader"

    def __init__(self, session: Session, title: str = "python") -> None:
        super().__init__()
        self.session = session
        self.quiz_title = title
        self.scores: list[QuizScore | None] = []

    def on_mount(self) -> None:
        self.push_screen(QuizScreen(self.session, title=self.quiz_title), self.scores.append)


@pytest.fixture(autouse=True)
def _no_learner_id(monkeypatch):
    # The learner id changes the shuffled choices; the snapshots need the default order.
    monkeypatch.delenv(LEARNER_ENV, raising=False)


def make_session(tmp_path: Path, cards: list[str], *, lang: str = "en",
                runner: FakeRunner | None = None) -> Session:
    log = ProgressLog(tmp_path / "progress.jsonl")
    return Session(POOL, [(card, SEED) for card in cards], runner or FakeRunner(), log, lang)


def quiz_records(tmp_path: Path) -> list[dict]:
    return [r for r in ProgressLog(tmp_path / "progress.jsonl").read() if r["event"] == "quiz"]


def shown(app: App, widget_id: str) -> str:
    """The text of one of the screen's Statics, if it is on display."""
    widget = app.screen.query_one(f"#{widget_id}", Static)
    return str(widget.content) if widget.display else ""


def letter_of(answer: str, session: Session, card: str) -> str:
    choices = session.question(card, SEED).choices
    return "abcd"[choices.index(answer)]


async def started(pilot) -> None:
    await pilot.pause()
    await pilot.pause()
    assert isinstance(pilot.app.screen, QuizScreen)


def test_a_right_choice_picked_with_the_arrows_shows_a_tick_and_the_explanation(tmp_path):
    session = make_session(tmp_path, ["python.list_append"])
    index = session.question("python.list_append", SEED).choices.index("items.append(3)")

    async def scenario() -> None:
        app = QuizHost(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await started(pilot)
            assert shown(app, "quiz-header") == "[1/1] python · python.list_append"
            assert "which call gives [1, 2, 3]?" in shown(app, "quiz-code")
            assert isinstance(app.focused, RadioSet)
            await pilot.press(*["down"] * index, "enter")
            assert shown(app, "quiz-verdict") == "✓ right"
            assert shown(app, "quiz-explanation").startswith("append adds one item")

    asyncio.run(scenario())
    [record] = quiz_records(tmp_path)
    assert record["template"] == "python.list_append" and record["correct"] is True
    assert record["response"] == "abcd"[index] and record["answer"] == "items.append(3)"
    # The CLI's record, field for field: Session.record writes both.
    assert set(record) == {"v", "event", "at", "template", "topic", "kind", "seed", "correct",
                           "response_s", "rating", "response", "answer"}


def test_a_wrong_typed_answer_shows_the_right_one_and_an_empty_one_is_not_sent(tmp_path):
    session = make_session(tmp_path, ["data.shape_typed"])

    async def scenario() -> None:
        app = QuizHost(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await started(pilot)
            assert isinstance(app.focused, Input)
            await pilot.press("enter")
            assert shown(app, "quiz-verdict") == ""
            await pilot.press(*"3, 2", "enter")
            assert shown(app, "quiz-verdict") == "✗ wrong; the answer is (2, 3)"
            assert app.screen.query_one(Input).disabled

    asyncio.run(scenario())
    [record] = quiz_records(tmp_path)
    assert (record["template"], record["correct"], record["response"]) == (
        "data.shape_typed", False, "3, 2")


def test_a_slow_code_question_shows_it_is_waiting_and_keys_still_work(tmp_path):
    gate = threading.Event()
    session = make_session(tmp_path, ["python.len_output"], runner=FakeRunner(gate))

    async def scenario() -> None:
        app = QuizHost(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await started(pilot)
            assert app.screen.query_one("#quiz-waiting").display
            assert shown(app, "quiz-text") == ""
            gate.set()  # the sandbox answers
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert not app.screen.query_one("#quiz-waiting").display
            assert shown(app, "quiz-text") == "What does this print?"
            await pilot.press("3", "enter")
            assert shown(app, "quiz-verdict") == "✓ right"

    try:
        asyncio.run(scenario())
    finally:
        gate.set()
    assert [r["correct"] for r in quiz_records(tmp_path)] == [True]


def test_escape_closes_the_quiz_while_a_question_is_still_being_made(tmp_path):
    gate = threading.Event()
    session = make_session(tmp_path, ["python.list_append", "python.len_output"],
                          runner=FakeRunner(gate))

    async def scenario() -> None:
        app = QuizHost(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await started(pilot)
            await pilot.press(letter_of("items.append(3)", session, "python.list_append"))
            await pilot.press("n")
            assert app.screen.query_one("#quiz-waiting").display
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, QuizScreen)
            assert app.scores == [QuizScore(right=1, answered=1)]
            # The waiting thread notices it was cancelled; the app is not held up by it.
            await app.workers.wait_for_complete()

    try:
        asyncio.run(scenario())
    finally:
        gate.set()
    assert [r["template"] for r in quiz_records(tmp_path)] == ["python.list_append"]


def test_the_summary_gives_the_score_per_topic_and_q_closes_with_it(tmp_path):
    session = make_session(tmp_path, ["python.list_append", "data.shape_typed"])

    async def scenario() -> None:
        app = QuizHost(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await started(pilot)
            await pilot.press(letter_of("items.append(3)", session, "python.list_append"))
            assert str(app.screen.query_one("#quiz-next").label) == "Next ›"
            await pilot.press("enter")  # the Next button has the focus
            assert shown(app, "quiz-header") == "[2/2] data · data.shape_typed"
            await pilot.press(*"(3, 2)", "enter")
            assert str(app.screen.query_one("#quiz-next").label) == "See the score"
            await pilot.press("n")
            await app.workers.wait_for_complete()
            await pilot.pause()
            summary = shown(app, "quiz-summary")
            assert "score: 1/2" in summary
            assert "data" in summary and "0/1" in summary
            assert "python" in summary and "1/1" in summary
            assert "next review: " in summary
            await pilot.press("q")
            await pilot.pause()
            assert app.scores == [QuizScore(right=1, answered=2)]

    asyncio.run(scenario())
    assert [r["correct"] for r in quiz_records(tmp_path)] == [True, False]


def test_in_chinese_the_question_and_true_false_labels_are_chinese(tmp_path):
    session = make_session(tmp_path, ["python.dict_order"], lang="zh")

    async def scenario() -> None:
        app = QuizHost(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await started(pilot)
            assert shown(app, "quiz-text") == "字典按插入顺序保存键。"
            labels = [str(b.label) for b in app.screen.query("#quiz-choices RadioButton")]
            assert labels == ["a) 对", "b) 错"]
            footer = {key: active.binding for key, active in app.screen.active_bindings.items()}
            assert footer["escape"].description == "关闭"  # the footer speaks Chinese too
            assert footer["a"].group is not None and footer["a"].group.description == "作答"
            await pilot.press("b")
            assert shown(app, "quiz-verdict") == "✗ 错误；答案是 对"
            assert shown(app, "quiz-explanation").startswith("从 Python 3.7 起")

    asyncio.run(scenario())
    [record] = quiz_records(tmp_path)
    # The response is what is_correct understands in any language, as typed in the CLI.
    assert (record["response"], record["correct"]) == ("False", False)


def test_a_question_the_sandbox_could_not_make_is_skipped_with_the_reason(tmp_path):
    session = make_session(tmp_path, ["python.len_output"],
                          runner=FakeRunner(failure="the quiz runner did not start"))

    async def scenario() -> None:
        app = QuizHost(session)
        async with app.run_test(size=(80, 24)) as pilot:
            await started(pilot)
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert shown(app, "quiz-verdict") == (
                "python.len_output: skipped (the quiz runner did not start)")
            await pilot.press("n")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert "score: 0/0" in shown(app, "quiz-summary")

    asyncio.run(scenario())
    assert quiz_records(tmp_path) == []


def test_new_session_runs_code_questions_in_the_apps_sandbox(tmp_path):
    root = tmp_path / "ws"
    init_workspace(root, [])
    workspace = open_workspace(root)
    sandbox = Sandbox(preload=())  # python questions need no torch
    sandbox.start()
    limits = Limits.from_config(workspace.cfg)  # the workspace's SANDBOX.* settings
    try:
        assert SandboxSnippets(sandbox, limits).run(["print(6 * 7)", "{}['x']"]) == [
            "42", "raises KeyError"]
        session = new_session(workspace, SandboxSnippets(sandbox, limits), topic="python",
                              count=3, seed=5)
        assert session.lang == workspace.cfg.UI.LANG and len(session.items) == 3
        questions = [session.question(card, seed) for card, seed in session.items]
        assert session.error is None and all(q is not None for q in questions)
    finally:
        sandbox.close()


# --- snapshots: the screen as drawn at the smallest and a large terminal ---------------------


def snapshot_app(tmp_path: Path) -> QuizHost:
    return QuizHost(make_session(tmp_path, ["python.list_append", "data.shape_typed"]))


def test_snapshot_choice_question_80x24(tmp_path, snap_compare):
    assert snap_compare(snapshot_app(tmp_path), terminal_size=(80, 24))


def test_snapshot_wrong_choice_answered_80x24(tmp_path, snap_compare):
    assert snap_compare(snapshot_app(tmp_path), press=["b"], terminal_size=(80, 24))


def test_snapshot_choice_question_160x48(tmp_path, snap_compare):
    assert snap_compare(snapshot_app(tmp_path), terminal_size=(160, 48))
