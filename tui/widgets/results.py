"""The results pane: the latest verdict for the open exercise, and the hint asked for, if any."""

from __future__ import annotations

from dataclasses import dataclass, replace

from rich.console import Group, RenderableType
from rich.markdown import Markdown
from rich.panel import Panel
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from grader.report import render_verdict
from grader.verdict import Verdict
from tui.strings import text


@dataclass(frozen=True)
class ShownHint:
    level: int  # 1-based
    count: int
    text: str
    last: bool = False  # the learner asked again after the last one


class ResultsPane(VerticalScroll):
    """Scrolls, because a failing run lists every check with its smallest failing case."""

    ALLOW_MAXIMIZE = True  # zoom (F2) shows a long verdict whole

    def compose(self) -> ComposeResult:
        yield Static(id="results-body")

    def show(self, *, file_name: str, verdict: Verdict | None = None,
             hint: ShownHint | None = None, checking: bool = False,
             problem: str | None = None, lang: str = "en", check_key: str = "F5") -> None:
        """Redraw from the screen's state for one exercise (the pane itself remembers
        nothing); ``check_key`` names the key that checks, remapped or not."""
        parts: list[RenderableType] = []
        if hint is not None:
            title = text(lang, "results.hint", level=hint.level, count=hint.count)
            if hint.last:
                title += text(lang, "results.last_hint")
            parts.append(Panel(Markdown(hint.text), title=title, title_align="left",
                               border_style="cyan"))
        if problem is not None:
            parts.append(Text(problem, style="bold red"))
        if checking:
            parts.append(Text(text(lang, "results.checking", file=file_name),
                              style="bold yellow"))
        elif verdict is not None:
            # The file's name, not its absolute path: the learner knows where their workspace is.
            parts.append(render_verdict(replace(verdict, submission=file_name),
                                        summary_first=True))
        elif problem is None:
            parts.append(Text(text(lang, "results.unchecked", file=file_name, key=check_key),
                              style="dim"))
        self.query_one("#results-body", Static).update(Group(*parts))
        self.scroll_home(animate=False)
