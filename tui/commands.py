"""The command palette's entries for the exercise screen (Ctrl+P): go to exercise N, quiz a
topic or the cards due, switch language, and the screen's actions, in the learner's language.

The provider belongs to ``MainScreen.COMMANDS``, so over a quiz or a dialog the palette offers
only Textual's own commands.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import partial
from typing import TYPE_CHECKING, NamedTuple

from textual.command import DiscoveryHit, Hit, Hits, Provider

from grader.learner import TOPICS
from tui.strings import text

if TYPE_CHECKING:
    from tui.screens.main import MainScreen


class Command(NamedTuple):
    name: str
    help: str
    run: Callable[[], object]
    discover: bool = True  # listed before anything is typed (not every exercise and topic)


class ExerciseCommands(Provider):
    """Everything the exercise screen can do by name."""

    def commands(self) -> Iterator[Command]:
        screen: MainScreen = self.screen  # type: ignore[assignment]
        app = screen.app
        lang = app.lang
        for exercise in sorted(app.exercises.values(), key=lambda e: e.id):
            title = exercise.title.get(lang) or exercise.title.get("en") or exercise.slug
            yield Command(text(lang, "palette.go", id=exercise.id, title=title),
                          f"{exercise.topic} · {exercise.file_name}",
                          partial(screen.action_go_to, exercise.id), discover=False)
        yield Command(text(lang, "palette.quiz_all"), text(lang, "palette.quiz_all_help"),
                      screen.action_quiz)
        yield Command(text(lang, "palette.quiz_due"), text(lang, "palette.quiz_due_help"),
                      partial(screen.action_quiz, due=True))
        for topic in TOPICS:
            yield Command(text(lang, "palette.quiz_topic", topic=topic),
                          text(lang, "palette.quiz_topic_help", topic=topic),
                          partial(screen.action_quiz, topic=topic), discover=False)
        yield Command(text(lang, "palette.progress"), text(lang, "palette.progress_help"),
                      screen.action_progress)
        # Both languages' names in both languages: a learner who cannot read the current one
        # still finds the way back.
        yield Command("Language: en English", "Prompts, hints and the screen in English",
                      partial(app.action_language, "en"))
        yield Command("Language: zh 中文 (Chinese)", "题目、提示和界面使用中文",
                      partial(app.action_language, "zh"))
        for name, run in (("editor", screen.action_open_in_editor),
                          ("solution", screen.action_solution), ("reset", screen.action_reset),
                          ("help", screen.action_help)):
            yield Command(text(lang, f"palette.{name}"), text(lang, f"palette.{name}_help"), run)

    async def discover(self) -> Hits:
        for command in self.commands():
            if command.discover:
                yield DiscoveryHit(command.name, command.run, help=command.help)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for command in self.commands():
            score = matcher.match(command.name)
            if score > 0:
                yield Hit(score, matcher.highlight(command.name), command.run,
                          help=command.help)
