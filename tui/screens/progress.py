"""The progress screen: per-topic completion, attempts, hints and quiz accuracy, the streak,
30 days of activity and every exercise's state, all derived from the progress log."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any, ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Vertical, VerticalScroll
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Label, ProgressBar, Sparkline, Static

from grader.exercise import Exercise
from grader.learner import (
    ExerciseProgress,
    daily_activity,
    exercise_progress,
    quiz_accuracy,
    streak,
    topic_progress,
)
from tui.bindings import relabel
from tui.strings import LANGUAGES, section

ACTIVITY_DAYS = 30
TITLE_WIDTH = 38

_STATE = {"done": ("done_state", "green"), "failing": ("failing", "red"),
          "not started": ("not started", "dim")}


def accuracy_label(tally: tuple[int, int] | None) -> str:
    """Right/answered and the percentage, e.g. '3/4 75%'; a dash when nothing was answered."""
    if not tally or not tally[1]:
        return "–"
    right, answered = tally
    return f"{right}/{answered} {100 * right // answered}%"


class ProgressScreen(Screen[None]):
    """Where the learner stands; read-only, so any of its keys just closes it."""

    DEFAULT_CSS = """
    ProgressScreen #progress-title {
        dock: top;
        width: 1fr;
        padding: 0 1;
        background: $panel;
        text-style: bold;
    }
    ProgressScreen #body {
        padding: 1 1 0 1;
        scrollbar-size-vertical: 1;
    }
    ProgressScreen #overview, ProgressScreen #exercise-pane {
        height: auto;
    }
    ProgressScreen.-wide #body {
        layout: horizontal;
    }
    ProgressScreen.-wide #overview {
        width: 1fr;
        max-width: 100;
        margin-right: 2;
    }
    ProgressScreen.-wide #exercise-pane {
        width: auto;
    }
    ProgressScreen #summary {
        height: auto;
        margin-bottom: 1;
    }
    ProgressScreen #topic-grid {
        grid-size: 6;
        grid-columns: 10 1fr 6 9 6 10;
        grid-rows: 1;
        grid-gutter: 0 1;
        height: auto;
    }
    ProgressScreen .heading {
        text-style: bold;
        color: $text-muted;
    }
    ProgressScreen .number {
        width: 1fr;
        text-align: right;
    }
    ProgressScreen #topic-grid ProgressBar {
        width: 1fr;
    }
    ProgressScreen #topic-grid Bar {
        width: 1fr;
    }
    ProgressScreen #activity-label {
        margin-top: 1;
    }
    ProgressScreen #activity {
        width: 60;
        height: 3;
    }
    ProgressScreen #activity-dates {
        width: 60;
        color: $text-muted;
    }
    ProgressScreen #exercises-label {
        text-style: bold;
        margin-top: 1;
        padding: 0 1;
    }
    ProgressScreen.-wide #exercises-label {
        margin-top: 0;
    }
    ProgressScreen #exercise-table {
        height: auto;
        width: auto;
    }
    """
    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]] | None] = [(0, "-narrow"),
                                                                       (120, "-wide")]
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,p", "close", "Close", id="close-progress",
                tooltip="Back to the exercises"),
    ]

    def __init__(self, records: list[dict[str, Any]], exercises: dict[str, Exercise], *,
                 lang: str = "en", today: date | None = None) -> None:
        """``today`` fixes the end of the activity chart and the streak (tests pin it)."""
        super().__init__()
        self.lang = lang if lang in LANGUAGES else "en"
        relabel(self, self.lang)  # the footer in the page's language
        self.text = section(self.lang, "progress")
        self.exercises = sorted(exercises.values(), key=lambda e: e.id)
        self.progress = exercise_progress(records)
        self.topics = topic_progress(self.exercises, self.progress)
        self.quiz = quiz_accuracy(records)
        self.today = today or datetime.now(UTC).date()
        self.streak_days = streak(records, self.today)
        self.activity = daily_activity(records, ACTIVITY_DAYS, self.today)

    def compose(self) -> ComposeResult:
        text = self.text
        yield Static(text["title"], id="progress-title")
        with VerticalScroll(id="body"):
            with Vertical(id="overview"):
                yield from self._summary()
                yield from self._topic_grid()
                yield from self._activity()
            with Vertical(id="exercise-pane"):
                yield Label(text["exercises"], id="exercises-label")
                yield DataTable(id="exercise-table", cursor_type="none", zebra_stripes=True,
                                show_cursor=False)
        yield Footer()

    def on_mount(self) -> None:
        text = self.text
        table = self.query_one("#exercise-table", DataTable)
        table.can_focus = False  # read-only: the arrow keys scroll the whole screen instead
        table.add_column(text["id"], key="id")
        # Capped so the whole table fits an 80-column terminal; longer titles end in an ellipsis.
        table.add_column(text["exercise"], key="exercise", width=TITLE_WIDTH)
        table.add_column(text["state"], key="state")
        table.add_column(text["attempts"], key="attempts")
        table.add_column(text["hints"], key="hints")
        for exercise in self.exercises:
            entry = self.progress.get(exercise.id, ExerciseProgress(exercise.id))
            label, style = _STATE[entry.state]
            title = exercise.title.get(self.lang, exercise.title["en"])
            table.add_row(exercise.id, Text(title, no_wrap=True, overflow="ellipsis"),
                          Text(text[label], style=style),
                          Text(str(entry.attempts), justify="right"),
                          Text(f"{entry.hints_used}/3", justify="right"), key=exercise.id)
        self.query_one("#body").focus()

    def action_close(self) -> None:
        self.dismiss()

    def _summary(self) -> ComposeResult:
        text = self.text
        done = sum(t.done for t in self.topics.values())
        right = sum(r for r, _ in self.quiz.values())
        answered = sum(n for _, n in self.quiz.values())
        with Vertical(id="summary"):
            yield Label(text["overall"].format(done=done, total=len(self.exercises)),
                        id="overall")
            yield Label(text["streak"].format(days=self.streak_days), id="streak")
            yield Label(text["quiz_overall"].format(accuracy=accuracy_label((right, answered))),
                        id="quiz-overall")

    def _topic_grid(self) -> ComposeResult:
        text = self.text
        with Grid(id="topic-grid"):
            for key in ("topic", None, "done", "attempts", "hints", "quiz"):
                classes = "heading" if key in ("topic", None) else "heading number"
                yield Label(text[key] if key else "", classes=classes)
            for topic, tally in self.topics.items():
                yield Label(topic, id=f"topic-{topic}")
                if tally.total:
                    bar = ProgressBar(total=tally.total, show_eta=False, id=f"bar-{topic}")
                    bar.progress = tally.done
                    yield bar
                else:
                    yield Label(text["none_yet"], classes="heading")
                yield Label(f"{tally.done}/{tally.total}", id=f"done-{topic}",
                            classes="number")
                yield Label(str(tally.attempts), id=f"attempts-{topic}", classes="number")
                yield Label(str(tally.hints_used), id=f"hints-{topic}", classes="number")
                yield Label(accuracy_label(self.quiz.get(topic)), id=f"quiz-{topic}",
                            classes="number")

    def _activity(self) -> ComposeResult:
        text = self.text
        yield Label(text["activity"].format(days=ACTIVITY_DAYS, events=sum(self.activity),
                                            active=sum(1 for n in self.activity if n)),
                    id="activity-label")
        yield Sparkline(self.activity, id="activity")
        first = self.today - timedelta(days=ACTIVITY_DAYS - 1)
        yield Label(f"{first.isoformat():<30}{self.today.isoformat():>30}", id="activity-dates")
