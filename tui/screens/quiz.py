"""The quiz screen: `grader quiz` in the app, one question at a time, answered by key or mouse.

The CLI's ``Session`` picks, checks and logs every answer, so both give the same questions
and the same log records. Code questions are still being generated in the sandbox when the
quiz opens; the screen waits for them in a thread and shows that it is waiting.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import ClassVar, NamedTuple

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.highlight import highlight
from textual.message import Message
from textual.screen import Screen
from textual.widgets import (
    Button,
    Footer,
    Input,
    LoadingIndicator,
    RadioButton,
    RadioSet,
    Static,
)
from textual.worker import get_current_worker

from grader.progress import ProgressLogError
from grader.quiz.bank import TRUE_FALSE
from grader.quiz.question import Question
from grader.quiz.session import TEXT, Session
from grader.quiz.snippets import SnippetRunner
from grader.sandbox.limits import Limits
from tui.bindings import relabel
from tui.sandbox import Sandbox
from tui.strings import section

LETTERS = "abcd"  # Question.is_correct takes a letter for a choice, as the CLI's prompt does
WAIT_SLICE_S = 0.1  # how often a waiting thread looks whether the learner has left
ANSWER_KEYS = Binding.Group("Answer", compact=True)  # a b c d share one place in the footer



class QuizScore(NamedTuple):
    """What the screen is dismissed with: answers right out of answers given."""

    right: int
    answered: int


@dataclass
class QuestionReady(Message):
    """A question that had to wait for the sandbox is ready (None: it could not be made)."""

    index: int
    question: Question | None


@dataclass
class SummaryReady(Message):
    """The end-of-quiz lines, computed from the log off the UI thread."""

    lines: list[str]


class SandboxSnippets:
    """Runs quiz snippets in a worker forked from the app's zygote.

    The Session calls ``run`` from its own thread, so waiting here for the zygote to start
    never holds up the screen.
    """

    def __init__(self, sandbox: Sandbox, limits: Limits) -> None:
        self.sandbox = sandbox
        self.limits = limits  # the workspace's SANDBOX.* settings, as for checks

    def run(self, snippets: list[str]) -> list[str]:
        if not snippets:
            return []
        # Not our zygote: closing the runner ends its worker and leaves the zygote to the app.
        with SnippetRunner(self.limits, self.sandbox.zygote()) as runner:
            return runner.run(snippets)


class ChoiceButton(RadioButton):
    """A radio button whose label wraps: a choice can be a sentence, and at 80 columns a cut-off
    choice cannot be judged."""

    DEFAULT_CSS = """
    ChoiceButton {
        text-wrap: wrap;
        height: auto;
    }
    """

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return self.render().get_height(self.styles, width)


class QuizScreen(Screen[QuizScore]):
    """Asks a Session's questions; leaving early keeps every answer already logged."""

    DEFAULT_CSS = """
    QuizScreen #quiz-title {
        dock: top;
        width: 1fr;
        padding: 0 1;
        background: $panel;
        text-style: bold;
    }
    QuizScreen #quiz-body {
        padding: 1 1 0 2;
        scrollbar-size-vertical: 1;
    }
    QuizScreen #quiz-body > * {
        height: auto;
    }
    QuizScreen #quiz-header {
        color: $text-muted;
        text-style: bold;
    }
    QuizScreen #quiz-text {
        margin: 1 0 0 0;
        text-style: bold;
    }
    QuizScreen #quiz-code {
        margin: 1 0 0 0;
        padding: 0 1;
        border-left: outer $primary 50%;
        background: $surface;
    }
    QuizScreen #quiz-answer {
        margin: 1 0 0 0;
    }
    QuizScreen #quiz-choices {
        width: 1fr;
        height: auto;
    }
    QuizScreen #quiz-choices RadioButton {
        width: 1fr;
    }
    QuizScreen #quiz-choices RadioButton.-answer {
        color: $text-success;
        text-style: bold;
    }
    QuizScreen #quiz-choices RadioButton.-wrong {
        color: $text-error;
        text-style: strike;
    }
    QuizScreen #quiz-usage {
        color: $text-muted;
        padding: 0 1;
    }
    QuizScreen #quiz-waiting {
        margin: 1 0 0 0;
    }
    QuizScreen #quiz-waiting LoadingIndicator {
        width: 8;
        height: 1;
        content-align: left middle;
    }
    QuizScreen #quiz-waiting Static {
        width: 1fr;
        color: $text-muted;
    }
    QuizScreen #quiz-verdict {
        margin: 1 0 0 0;
        text-style: bold;
    }
    QuizScreen #quiz-verdict.-right {
        color: $text-success;
    }
    QuizScreen #quiz-verdict.-wrong {
        color: $text-error;
    }
    QuizScreen #quiz-verdict.-skipped {
        color: $text-warning;
    }
    QuizScreen #quiz-explanation {
        color: $text-muted;
    }
    QuizScreen #quiz-summary {
        margin: 1 0 0 0;
    }
    QuizScreen Button {
        margin: 1 0 1 0;
    }
    """

    # Letters and n are plain keys: the answer Input types them, and its enter submits.
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="quiz.close",
                tooltip="Leave the quiz; the answers given so far stay logged"),
        *[Binding(letter, f"pick({number})", f"Answer {letter}", id=f"quiz.pick_{letter}",
                  group=ANSWER_KEYS,
                  tooltip=f"Answer with choice {letter}")
          for number, letter in enumerate(LETTERS)],
        Binding("n,enter", "next", "Next", id="quiz.next", key_display="n",
                tooltip="Go on to the next question"),
        Binding("pagedown", "scroll_body(1)", "Scroll down", id="quiz.page_down", show=False,
                tooltip="Scroll the question down a page"),
        Binding("pageup", "scroll_body(-1)", "Scroll up", id="quiz.page_up", show=False,
                tooltip="Scroll the question up a page"),
    ]

    def __init__(self, session: Session, *, title: str = "") -> None:
        """``title`` names the quiz in the title bar (a topic, "due for review", …)."""
        super().__init__()
        relabel(self, session.lang)  # the footer in the quiz's language
        self.session = session
        self.quiz_title = title
        self._text = section(session.lang, "quiz.screen")
        self._verdicts = TEXT.get(session.lang, TEXT["en"])
        self._index = -1
        self._question: Question | None = None
        self._options: list[str] = []  # the response each radio button submits
        self._shown_at = 0.0
        self._answered = False  # answered or skipped: "next" may go on
        self._finished = False

    # --- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        name = self._text["quiz"] + (f" · {self.quiz_title}" if self.quiz_title else "")
        yield Static(name, id="quiz-title", markup=False)
        with VerticalScroll(id="quiz-body"):
            yield Static(id="quiz-header", markup=False)
            yield Static(id="quiz-text", markup=False)
            yield Static(id="quiz-code", markup=False)
            yield Vertical(id="quiz-answer")
            with Horizontal(id="quiz-waiting"):
                yield LoadingIndicator()
                yield Static(self._text["preparing"], markup=False)
            yield Static(id="quiz-verdict", markup=False)
            yield Static(id="quiz-explanation", markup=False)
            yield Static(id="quiz-summary", markup=False)
            yield Button(self._text["next"], id="quiz-next", variant="primary")
            yield Button(self._text["close"], id="quiz-close")
        yield Footer()

    async def on_mount(self) -> None:
        await self._ask(0)

    def _set_visible(self, *, question: bool = False, waiting: bool = False,
                     verdict: bool = False, summary: bool = False) -> None:
        # The header line stays: it says which question, or that the quiz is over.
        for selector in ("#quiz-text", "#quiz-answer"):
            self.query_one(selector).display = question
        self.query_one("#quiz-code").display = question and bool(
            self._question and self._question.code)
        self.query_one("#quiz-waiting").display = waiting
        for selector in ("#quiz-verdict", "#quiz-explanation", "#quiz-next"):
            self.query_one(selector).display = verdict
        for selector in ("#quiz-summary", "#quiz-close"):
            self.query_one(selector).display = summary

    # --- one question ------------------------------------------------------------------------

    async def _ask(self, index: int) -> None:
        self._index, self._question, self._answered = index, None, False
        await self.query_one("#quiz-answer").remove_children()
        if index >= len(self.session.items):
            self._finish()
            return
        card_id, seed = self.session.items[index]
        self._set_header(card_id, self.session.pool[card_id].topic)
        self.query_one("#quiz-body", VerticalScroll).scroll_home(animate=False)
        if self.session.ready(card_id, seed):
            await self._show(self.session.question(card_id, seed))
            return
        self._set_visible(waiting=True)
        self.refresh_bindings()
        self._wait_for_question(index, card_id, seed)

    @work(thread=True, exclusive=True, group="quiz-question", exit_on_error=False)
    def _wait_for_question(self, index: int, card_id: str, seed: int) -> None:
        worker = get_current_worker()
        # Short slices: when the learner leaves, the worker is cancelled and this thread ends.
        while not self.session.ready(card_id, seed, timeout=WAIT_SLICE_S):
            if worker.is_cancelled:
                return
        self.post_message(QuestionReady(index, self.session.question(card_id, seed)))

    async def on_question_ready(self, message: QuestionReady) -> None:
        if message.index == self._index and not self._finished:
            await self._show(message.question)

    def _set_header(self, card_id: str, topic: str) -> None:
        header = f"[{self._index + 1}/{len(self.session.items)}] {topic} · {card_id}"
        self.query_one("#quiz-header", Static).update(header)

    async def _show(self, question: Question | None) -> None:
        if question is None:
            self._skip()
            return
        self._question = question
        self._set_header(question.template_id, question.topic)
        self.query_one("#quiz-text", Static).update(question.text(self.session.lang))
        if question.code:
            self.query_one("#quiz-code", Static).update(
                highlight(question.code.rstrip("\n"), language="python"))
        box = self.query_one("#quiz-answer")
        if question.choices or question.kind == "truefalse":
            if question.choices:
                labels = [self.session.display(choice) for choice in question.choices]
                self._options = list(LETTERS[:len(labels)])
            else:
                labels = [self._text["true"], self._text["false"]]
                self._options = list(TRUE_FALSE)  # what is_correct accepts in any language
            buttons = [ChoiceButton(Content(f"{letter}) {label}"))
                       for letter, label in zip(LETTERS, labels, strict=False)]
            choices = RadioSet(*buttons, id="quiz-choices")
            keys = f"a–{LETTERS[len(buttons) - 1]}"
            await box.mount(choices, Static(self._text["choose"].format(keys=keys),
                                            id="quiz-usage", markup=False))
            choices.focus(scroll_visible=False)
        else:
            self._options = []
            answer_input = Input(placeholder=self._verdicts["typed"], id="quiz-input")
            await box.mount(answer_input, Static(self._text["typed"], id="quiz-usage",
                                                 markup=False))
            answer_input.focus(scroll_visible=False)
        self._set_visible(question=True)
        self.refresh_bindings()
        self._shown_at = time.monotonic()

    def _skip(self) -> None:
        card_id, _ = self.session.items[self._index]
        reason = self.session.error or self._text["no_question"]
        verdict = self.query_one("#quiz-verdict", Static)
        verdict.update(f"{card_id}: {self._verdicts['failed']} ({reason})")
        verdict.set_classes("-skipped")
        self.query_one("#quiz-explanation", Static).update("")
        self._answered = True
        self._set_visible(verdict=True)
        self._focus_next()

    # --- answering ---------------------------------------------------------------------------

    @on(RadioSet.Changed, "#quiz-choices")
    def _choice_made(self, event: RadioSet.Changed) -> None:
        if 0 <= event.index < len(self._options):
            self._submit(self._options[event.index])

    @on(Input.Submitted, "#quiz-input")
    def _answer_typed(self, event: Input.Submitted) -> None:
        self._submit(event.value)

    def _submit(self, response: str) -> None:
        question = self._question
        if question is None or self._answered or not response.strip():
            return
        elapsed = time.monotonic() - self._shown_at
        correct = question.is_correct(response)
        self._answered = True
        try:
            self.session.record(question, response, correct, elapsed)
        except ProgressLogError as exc:
            self.notify(str(exc), title="progress log", severity="warning", markup=False)
        self._show_verdict(question, correct)

    def _show_verdict(self, question: Question, correct: bool) -> None:
        for widget in self.query_one("#quiz-answer").query("RadioSet, Input"):
            widget.disabled = True
        options = question.choices or (TRUE_FALSE if question.kind == "truefalse" else ())
        if question.answer in options:
            buttons = list(self.query("#quiz-choices RadioButton").results(RadioButton))
            for button in buttons:
                if button.value and not correct:
                    button.add_class("-wrong")
            buttons[options.index(question.answer)].add_class("-answer")
        self.query_one("#quiz-usage").display = False
        verdict = self.query_one("#quiz-verdict", Static)
        if correct:
            verdict.update(self._verdicts["right"])
        else:
            verdict.update(f"{self._verdicts['wrong']} {self._shown_answer(question)}")
        verdict.set_classes("-right" if correct else "-wrong")
        self.query_one("#quiz-explanation", Static).update(
            question.explanation(self.session.lang))
        self._set_visible(question=True, verdict=True)
        self._focus_next()

    def _shown_answer(self, question: Question) -> str:
        if question.kind == "truefalse" and question.answer in TRUE_FALSE:
            return self._text["true" if question.answer == TRUE_FALSE[0] else "false"]
        return self.session.display(question.answer)

    def _focus_next(self) -> None:
        last = self._index + 1 >= len(self.session.items)
        button = self.query_one("#quiz-next", Button)
        button.label = self._text["finish" if last else "next"]
        button.focus(scroll_visible=False)
        self.refresh_bindings()
        # Show the verdict and explanation, which may sit below the fold at 80x24.
        self.call_after_refresh(self._scroll_to_end)

    def _scroll_to_end(self) -> None:
        self.query_one("#quiz-body", VerticalScroll).scroll_end(animate=False)

    # --- the end -----------------------------------------------------------------------------

    def _finish(self) -> None:
        self._finished, self._question = True, None
        lines = [] if self.session.items else [self._verdicts["none_due"]]
        self.query_one("#quiz-header", Static).update(self._text["done"])
        self.query_one("#quiz-summary", Static).update("\n".join(lines))
        self._set_visible(summary=True)
        self.query_one("#quiz-close", Button).focus(scroll_visible=False)
        self.refresh_bindings()
        self._summarise(lines)

    @work(thread=True, exclusive=True, group="quiz-summary", exit_on_error=False)
    def _summarise(self, before: list[str]) -> None:
        # summary() replays the whole progress log through the scheduler: not on the UI thread.
        try:
            lines = self.session.summary()
        except ProgressLogError as exc:
            score = self.score()
            lines = [f"{self._verdicts['score']}: {score.right}/{score.answered}", str(exc)]
        self.post_message(SummaryReady([*before, *lines, "", self._text["closing"]]))

    def on_summary_ready(self, message: SummaryReady) -> None:
        self.query_one("#quiz-summary", Static).update("\n".join(message.lines))

    def score(self) -> QuizScore:
        """Answers right and answers given so far in this quiz."""
        answered = self.session.answered
        return QuizScore(sum(a.correct for a in answered), len(answered))

    # --- actions -----------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer a key only where it does something: letters while a choice is open, n after."""
        if action == "pick":
            open_choice = self._question is not None and not self._answered and self._options
            number = parameters[0] if parameters else -1
            return bool(open_choice) and isinstance(number, int) and number < len(self._options)
        if action == "next":
            return self._answered and not self._finished
        return True

    def action_pick(self, number: int) -> None:
        buttons = list(self.query("#quiz-choices RadioButton").results(RadioButton))
        if not self._answered and 0 <= number < len(buttons):
            buttons[number].value = True  # the RadioSet's Changed submits it

    async def action_next(self) -> None:
        if self._answered and not self._finished:
            await self._ask(self._index + 1)

    def action_scroll_body(self, pages: int) -> None:
        body = self.query_one("#quiz-body", VerticalScroll)
        if pages > 0:
            body.scroll_page_down(animate=False)
        else:
            body.scroll_page_up(animate=False)

    def action_close(self) -> None:
        self.dismiss(self.score())

    @on(Button.Pressed, "#quiz-next")
    async def _next_pressed(self) -> None:
        await self.action_next()

    @on(Button.Pressed, "#quiz-close")
    def _close_pressed(self) -> None:
        self.action_close()
