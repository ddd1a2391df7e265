"""The prompt pane: the open exercise's task, as Markdown, in the workspace's language."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown

from grader.exercise import Exercise


class PromptPane(VerticalScroll):
    """Scrolls on its own, so a long prompt never pushes the editor off the screen."""

    ALLOW_MAXIMIZE = True  # zoom (F2) is how an 80x24 terminal reads a whole prompt

    def compose(self) -> ComposeResult:
        yield Markdown(id="prompt")

    async def show(self, exercise: Exercise, lang: str) -> None:
        text = None
        for candidate in dict.fromkeys((lang, "en")):  # untranslated: English beats nothing
            try:
                text = exercise.prompt(candidate)
                break
            except OSError:
                continue
        if text is None:  # a folder still being written: say so rather than crash
            text = (f"# Exercise {exercise.id}\n\nThis exercise has no prompt yet "
                    f"(`prompt.{lang}.md` is missing from `{exercise.folder.name}`).")
        await self.query_one("#prompt", Markdown).update(text)
        self.scroll_home(animate=False)
