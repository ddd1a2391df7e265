"""Small modal questions: confirm a reset, settle an editor conflict, read a solution or help.

Each dialog returns its answer through ``dismiss`` so the app decides what happens; none of
them touches a file.
"""

from __future__ import annotations

from rich.syntax import Syntax
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Label, Markdown, Static

from tui.bindings import relabel

DIALOG_CSS = """
Dialog, Reader {
    align: center middle;
}
Dialog > Vertical, Reader > Vertical {
    width: 76;
    max-width: 100%;
    height: auto;
    max-height: 100%;
    border: thick $accent;
    background: $surface;
    padding: 0 1;
}
Reader > Vertical {
    width: 90%;
    height: 90%;
}
Dialog .question {
    margin: 1 0;
    width: 1fr;
}
Dialog Horizontal {
    height: auto;
    align: center middle;
}
Dialog Button {
    margin: 0 1;
}
Reader VerticalScroll {
    height: 1fr;
}
Reader .title {
    text-style: bold;
    width: 1fr;
}
"""


class Dialog(ModalScreen[str | None]):
    """A question with labelled answers; dismisses with the chosen answer's key (None: escape)."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [Binding("escape,q", "dismiss(None)", "Cancel", id="dialog-cancel")]

    def __init__(self, question: str, answers: list[tuple[str, str]], *,
                 default: str | None = None, lang: str = "en") -> None:
        """``answers``: (key, button label) pairs; ``default`` gets the focus; ``lang``
        labels the footer."""
        super().__init__()
        relabel(self, lang)
        self.question = question
        self.answers = answers
        self.default = default or answers[-1][0]

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.question, classes="question", markup=False)
            with Horizontal():
                for key, label in self.answers:
                    variant = "primary" if key == self.default else "default"
                    yield Button(label, id=f"answer-{key}", variant=variant)
        yield Footer(compact=True)

    def on_mount(self) -> None:
        self.query_one(f"#answer-{self.default}", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "").removeprefix("answer-"))


class Reader(ModalScreen[None]):
    """Something to read and close: a reference solution, or the help page."""

    DEFAULT_CSS = DIALOG_CSS
    BINDINGS = [Binding("escape,q", "dismiss(None)", "Close", id="reader-close")]

    def __init__(self, title: str, *, markdown: str | None = None,
                 python: str | None = None, lang: str = "en") -> None:
        super().__init__()
        relabel(self, lang)
        self.title_text = title
        self.markdown = markdown
        self.python = python

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self.title_text, classes="title", markup=False)
            with VerticalScroll():
                if self.python is not None:
                    yield Static(Syntax(self.python, "python", line_numbers=True,
                                        theme="ansi_dark"), id="reader-code")
                if self.markdown is not None:
                    yield Markdown(self.markdown, id="reader-text")
        yield Footer(compact=True)
