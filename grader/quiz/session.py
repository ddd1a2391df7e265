"""One quiz session: pick the cards, show one question at a time, log every answer.

Code questions are generated in a background thread (one sandbox call for all of them) while
the learner answers the first question, which is taken from the bank when one is in the plan,
so the quiz starts before torch has finished importing in the sandbox.
"""

from __future__ import annotations

import os
import random
import textwrap
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from grader.quiz.bank import BankEntry, load_bank
from grader.quiz.question import LEARNER_ENV, Question, generate
from grader.quiz.schedule import EVENT, card_states, due_order, next_due, rate
from grader.quiz.templates import Template, all_templates

TEXT = {
    "en": {"right": "✓ right", "wrong": "✗ wrong; the answer is", "prompt": "answer> ",
           "typed": "(type the answer)", "tf": "(true / false)", "letter": "(a letter)",
           "score": "score", "next": "next review", "none_due": "Nothing is due now.",
           "stopped": "stopped; your answers so far are saved.", "failed": "skipped",
           "raises": "raises"},
    "zh": {"right": "✓ 正确", "wrong": "✗ 错误；答案是", "prompt": "答案> ",
           "typed": "（输入答案）", "tf": "（对 / 错，或 true / false）", "letter": "（输入字母）",
           "score": "得分", "next": "下次复习", "none_due": "现在没有到期的题目。",
           "stopped": "已停止；已作答的题目都已保存。", "failed": "跳过",
           "raises": "抛出"},
}


def cards(topic: str | None = None) -> dict[str, Template | BankEntry]:
    """Everything that can be asked, code templates and bank entries, by card id."""
    found: dict[str, Template | BankEntry] = {**all_templates(), **load_bank()}
    return {k: v for k, v in sorted(found.items()) if topic is None or v.topic == topic}


def new_session(workspace: Any, runner: Any, *, topic: str | None = None, count: int = 10,
                due_only: bool = False, seed: int | None = None) -> Session:
    """The session for a workspace's learner: `grader quiz` and the app's quiz both start here.
    ``runner`` runs the code snippets (the CLI's own SnippetRunner, or the app's sandbox)."""
    if workspace.cfg.QUIZ.LEARNER_ID:
        # The environment, where a class runner sets it, wins over the workspace's setting.
        os.environ.setdefault(LEARNER_ENV, workspace.cfg.QUIZ.LEARNER_ID)
    pool = cards(topic)
    items = plan(pool, count, random.Random(seed), due_only=due_only,
                 records=workspace.log.read())
    return Session(pool, items, runner, workspace.log, workspace.cfg.UI.LANG)


def plan(pool: dict[str, Template | BankEntry], count: int, rng: random.Random, *,
         due_only: bool = False, records: list[dict[str, Any]] | None = None,
         now: datetime | None = None) -> list[tuple[str, int]]:
    """(card id, seed) pairs to ask, a bank card first when there is one (it starts at once)."""
    if due_only:
        chosen = due_order(list(pool), card_states(records or []), now)[:count]
    else:
        chosen = rng.sample(list(pool), min(count, len(pool)))
        bank = sorted(c for c, card in pool.items() if isinstance(card, BankEntry))
        if bank and not any(c in bank for c in chosen):
            chosen[-1] = rng.choice(bank)  # something to ask while the sandbox warms up
    bank_first = next((c for c in chosen if isinstance(pool[c], BankEntry)), None)
    if bank_first is not None:
        chosen.remove(bank_first)
        chosen.insert(0, bank_first)
    return [(card_id, rng.randrange(1_000_000)) for card_id in chosen]


@dataclass
class Answered:
    question: Question
    correct: bool


@dataclass
class Session:
    pool: dict[str, Template | BankEntry]
    items: list[tuple[str, int]]
    runner: Any  # a SnippetRunner, or anything with run(snippets) -> outcomes
    log: Any  # a ProgressLog
    lang: str = "en"
    ask: Callable[[str], str] = input
    say: Callable[[str], None] = print
    answered: list[Answered] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._generated: dict[tuple[str, int], Question] = {}
        self._error: str | None = None
        self._done = threading.Event()
        code = [(self.pool[c], s) for c, s in self.items if isinstance(self.pool[c], Template)]
        threading.Thread(target=self._generate, args=(code,), daemon=True).start()

    def _generate(self, code: list[tuple[Template, int]]) -> None:
        try:
            for question in generate(code, self.runner):
                self._generated[(question.template_id, question.seed)] = question
        except Exception as exc:  # noqa: BLE001 - reported to the learner, bank questions go on
            self._error = str(exc)
        finally:
            self._done.set()

    @property
    def error(self) -> str | None:
        """Why the code questions could not be generated, once that is known."""
        return self._error

    def ready(self, card_id: str, seed: int, timeout: float | None = 0) -> bool:
        """Whether ``question`` answers without waiting, after waiting up to ``timeout``.

        A UI waits in short slices so that it can give up when the learner leaves.
        """
        return isinstance(self.pool[card_id], BankEntry) or self._done.wait(timeout)

    def question(self, card_id: str, seed: int) -> Question | None:
        card = self.pool[card_id]
        if isinstance(card, BankEntry):
            return card.question(seed)
        self._done.wait()
        return self._generated.get((card_id, seed))

    def run(self) -> bool:
        """Ask every question; False when the learner stopped early (Ctrl+C or end of input)."""
        text = TEXT[self.lang]
        for number, (card_id, seed) in enumerate(self.items, start=1):
            try:
                question = self.question(card_id, seed)
            except KeyboardInterrupt:  # while code questions are still being generated
                self.say("\n" + text["stopped"])
                return False
            if question is None:
                self.say(f"[{number}/{len(self.items)}] {card_id}: {text['failed']} "
                         f"({self.error or 'no question'})")
                continue
            self.show(number, question)
            started = time.monotonic()
            try:
                response = ""
                while not response.strip():
                    response = self.ask(text["prompt"])
            except (KeyboardInterrupt, EOFError):
                self.say("\n" + text["stopped"])
                return False
            elapsed = time.monotonic() - started
            correct = question.is_correct(response)
            self.record(question, response, correct, elapsed)
            if correct:
                self.say(text["right"])
            else:
                self.say(f"{text['wrong']} {self.display(question.answer)}")
            self.say(textwrap.fill(question.explanation(self.lang), 88) + "\n")
        return True

    def display(self, choice: str) -> str:
        if choice.startswith("raises "):
            return f"{TEXT[self.lang]['raises']} {choice.removeprefix('raises ')}"
        return choice

    def show(self, number: int, question: Question) -> None:
        text = TEXT[self.lang]
        self.say(f"[{number}/{len(self.items)}] {question.topic} · {question.template_id}")
        self.say(question.text(self.lang))
        if question.code:
            self.say(textwrap.indent(question.code.rstrip("\n"), "    "))
        if question.choices:
            for index, choice in enumerate(question.choices):
                self.say(f"  {chr(ord('a') + index)}) {self.display(choice)}")
            self.say(text["letter"])
        elif question.kind == "truefalse":
            self.say(text["tf"])
        else:
            self.say(text["typed"])

    def record(self, question: Question, response: str, correct: bool, elapsed: float) -> None:
        self.answered.append(Answered(question, correct))
        self.log.append(EVENT, template=question.template_id, topic=question.topic,
                        kind=question.kind, seed=question.seed, correct=correct,
                        response_s=round(elapsed, 2), rating=int(rate(correct, elapsed)),
                        response=response.strip()[:200], answer=question.answer[:200])

    def summary(self, now: datetime | None = None) -> list[str]:
        """Score, accuracy per topic for this session, and when the next card is due."""
        text = TEXT[self.lang]
        right = sum(a.correct for a in self.answered)
        lines = [f"{text['score']}: {right}/{len(self.answered)}"]
        topics: dict[str, list[int]] = {}
        for answer in self.answered:
            tally = topics.setdefault(answer.question.topic, [0, 0])
            tally[0] += answer.correct
            tally[1] += 1
        for topic, (good, total) in sorted(topics.items()):
            lines.append(f"  {topic:10} {good}/{total}  {100 * good // total}%")
        upcoming = next_due(card_states(self.log.read()))
        if upcoming is not None:
            now = now or datetime.now(UTC)
            lines.append(f"{text['next']}: {upcoming.card_id} · "
                         f"{upcoming.due.astimezone():%Y-%m-%d %H:%M} "
                         f"(in {_span(upcoming.due - now)})")
        return lines


def _span(delta: Any) -> str:
    seconds = max(0, int(delta.total_seconds()))
    if seconds < 3600:
        return f"{max(1, seconds // 60)} min"
    if seconds < 86400:
        return f"{seconds // 3600} h"
    return f"{seconds // 86400} d"
