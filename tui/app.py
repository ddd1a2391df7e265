"""The practice app: the ``App`` holds what the whole session shares (the workspace, the
exercises, the language, the keymap, the one warm sandbox) and opens on ``MainScreen``.

A client of the engine like the CLI; see ``tui/screens/main.py`` for the exercise screen.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from grader.exercise import Exercise, all_exercises, sandbox_preload
from grader.learner import exercise_progress
from grader.workspace import Workspace, open_workspace
from tui.bindings import app_bindings, checked_keymap, relabel
from tui.sandbox import Sandbox
from tui.screens.main import MainScreen
from tui.strings import text


class GraderApp(App[int]):
    """One learner's session on one workspace; quiz, progress and dialogs are screens pushed
    over the main screen."""

    CSS_PATH = "app.tcss"
    TITLE = "grader"
    BINDINGS = app_bindings()

    def __init__(self, workspace_root: Path, opts: list[str] | None = None, *,
                 sandbox: Sandbox | None = None) -> None:
        """``sandbox`` lets a caller share or choose the zygote (tests use one without torch).

        A bad ``UI.KEYMAP`` (``ConfigError``) or an unreadable progress log
        (``ProgressLogError``) is raised here, before the terminal is taken over, so the CLI
        says it in one line."""
        super().__init__()
        self.workspace: Workspace = open_workspace(workspace_root, opts)
        self.lang: str = self.workspace.cfg.UI.LANG
        relabel(self, self.lang)
        self.keymap: dict[str, str] = checked_keymap(self.workspace.cfg.UI.KEYMAP)
        self.set_keymap(self.keymap)
        self.exercises: dict[str, Exercise] = all_exercises()
        self._log_warnings: list[str] = []
        progress = exercise_progress(self.workspace.log.read(warn=self._log_warnings.append))
        self._statuses = {i: p.last_status for i, p in progress.items() if p.last_status}
        if sandbox is None:
            sandbox = Sandbox(sandbox_preload(self.exercises.values()))
        self.sandbox: Sandbox = sandbox
        self.main_screen: MainScreen | None = None

    def get_default_screen(self) -> MainScreen:
        self.main_screen = MainScreen(self._statuses, self._log_warnings)
        return self.main_screen

    def on_unmount(self) -> None:
        self.sandbox.close(wait=False)

    def action_language(self, lang: str) -> None:
        """Prompts, hints and the screen in another language, for this session (grader.yaml
        is untouched)."""
        if lang == self.lang:
            return
        self.lang = lang
        relabel(self, lang)
        if self.main_screen is not None:
            self.main_screen.use_language(lang)
        self.notify(text(lang, "notify.language"), markup=False)

    async def action_quit(self) -> None:
        if self.main_screen is not None:
            self.main_screen.save_before_leaving()
        # Close first: a running check stops now (rather than at its timeout) and the exit
        # does not wait for it.
        self.sandbox.close(wait=False)
        self.exit(0)
