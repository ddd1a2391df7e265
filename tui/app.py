"""The practice app: pick an exercise, read its prompt, edit it, check it, ask for a hint.

A client of the engine like the CLI: a check here runs `grader check`'s code path (the same
``grade()``, the same log record), in a thread, against one warm zygote the app owns.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Footer, TextArea, Tree
from textual.worker import Worker, WorkerState, get_current_worker

from grader.exercise import Exercise, all_exercises, sandbox_preload
from grader.learner import exercise_progress
from grader.progress import ProgressLogError, check_record
from grader.verdict import Verdict
from grader.workspace import Workspace, init_workspace, open_workspace
from tui.messages import CheckFinished
from tui.sandbox import Sandbox
from tui.widgets.prompt import PromptPane
from tui.widgets.results import ResultsPane, ShownHint
from tui.widgets.topics import TopicTree


class GraderApp(App[int]):
    """One screen: topics on the left; prompt, editor and results of one exercise on the right."""

    CSS_PATH = "app.tcss"
    TITLE = "grader"
    # Save and check are priority bindings so they work while the editor has focus; h and q
    # are plain letters, which the editor types, so they act from the other panes.
    BINDINGS = [
        Binding("ctrl+s", "save", "Save", id="save", priority=True,
                tooltip="Write the editor's text to exercise_NN.py"),
        Binding("f5,ctrl+r", "check", "Check", id="check", priority=True,
                tooltip="Save, then grade this exercise"),
        Binding("h", "hint", "Hint", id="hint", tooltip="Show the next hint for this exercise"),
        Binding("f2", "toggle_zoom", "Zoom", id="zoom", priority=True,
                tooltip="Fill the screen with the focused pane, or restore the layout"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Save and leave"),
    ]

    def __init__(self, workspace_root: Path, opts: list[str] | None = None, *,
                 sandbox: Sandbox | None = None) -> None:
        """``sandbox`` lets a caller share or choose the zygote (tests use one without torch)."""
        super().__init__()
        self.workspace: Workspace = open_workspace(workspace_root, opts)
        self.lang: str = self.workspace.cfg.UI.LANG
        self.exercises: dict[str, Exercise] = all_exercises()
        self._log_warnings: list[str] = []
        records = self.workspace.log.read(warn=self._log_warnings.append)
        progress = exercise_progress(records)
        self._statuses = {i: p.last_status for i, p in progress.items() if p.last_status}
        self._hints_revealed = {i: p.hints_used for i, p in progress.items() if p.hints_used}
        self._hints_shown: dict[str, ShownHint] = {}  # on screen now, per exercise
        self._hints_asked: set[str] = set()  # exercises whose hints were asked this session
        self._verdicts: dict[str, Verdict] = {}  # this session's latest, per exercise
        self._problems: dict[str, str] = {}  # why the last check could not run, per exercise
        self._checking: str | None = None  # the exercise whose check is running
        self.exercise: Exercise | None = None
        self._loaded_text = ""  # what the file held when loaded or last saved
        if sandbox is None:
            sandbox = Sandbox(sandbox_preload(self.exercises.values()))
        self.sandbox: Sandbox = sandbox

    def compose(self) -> ComposeResult:
        with Horizontal(id="main"):
            yield TopicTree(list(self.exercises.values()), self._statuses, id="topics")
            with Vertical(id="work"):
                yield PromptPane(id="prompt-pane")
                yield TextArea.code_editor(language="python", show_line_numbers=True,
                                           theme="css", id="editor")
                yield ResultsPane(id="results")
        yield Footer()

    async def on_mount(self) -> None:
        tree = self.query_one(TopicTree)
        order = tree.in_order()
        if order:
            first = next((i for i in order if self._statuses.get(i) != "pass"), order[0])
            await self._open(self.exercises[first])
            tree.select_exercise(first)
        else:
            self._show_results()
        tree.focus()
        for warning in self._log_warnings:
            self.notify(warning, title="progress log", severity="warning", markup=False)
        # After the first frame: the zygote's start and the judge's imports stay off its path.
        self.call_after_refresh(self._start_sandbox)

    def on_unmount(self) -> None:
        self.sandbox.close(wait=False)

    # --- opening and saving --------------------------------------------------------------

    @on(Tree.NodeSelected, "#topics")
    async def _exercise_chosen(self, event: Tree.NodeSelected[str | None]) -> None:
        exercise_id = event.node.data
        if exercise_id is None:
            return
        if self.exercise is None or self.exercise.id != exercise_id:
            self._save_if_modified()
            await self._open(self.exercises[exercise_id])
        self.query_one("#editor", TextArea).focus()

    async def _open(self, exercise: Exercise) -> None:
        self.exercise = exercise
        path = self.workspace.exercise_file(exercise)
        if not path.exists() and exercise.starter.is_file():
            # An exercise added after `grader init`: give it its starter, as init would.
            init_workspace(self.workspace.root, [exercise])
        await self.query_one(PromptPane).show(exercise, self.lang)
        editor = self.query_one("#editor", TextArea)
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self._problems[exercise.id] = (f"{path.name} does not exist and this exercise has "
                                           "no starter file yet")
            editor.read_only, text = True, ""
        except (OSError, UnicodeDecodeError) as exc:
            self._problems[exercise.id] = (f"cannot open {path.name} here ({exc}); "
                                           "fix it in another editor, then check it with F5")
            editor.read_only, text = True, ""
        else:
            editor.read_only = False
            self._problems.pop(exercise.id, None)
        editor.load_text(text)
        self._loaded_text = text
        self._update_editor_title()
        self._show_results()

    def _save_if_modified(self) -> Path | None:
        """Write the buffer when the learner changed it; never overwrite a file with stale text."""
        if self.exercise is None:
            return None
        editor = self.query_one("#editor", TextArea)
        path = self.workspace.exercise_file(self.exercise)
        if editor.read_only or editor.text == self._loaded_text:
            return path
        try:
            _write_atomically(path, editor.text)
        except OSError as exc:
            self.notify(f"cannot save {path.name}: {exc.strerror or exc}", title="not saved",
                        severity="error", markup=False)
            return None
        self._loaded_text = editor.text
        self._update_editor_title()
        return path

    def _sync_with_disk(self) -> Path | None:
        """Before a check: save our edits, or, with none, show edits made in another editor."""
        if self.exercise is None:
            return None
        editor = self.query_one("#editor", TextArea)
        path = self.workspace.exercise_file(self.exercise)
        if editor.read_only or editor.text != self._loaded_text:
            return self._save_if_modified()
        try:
            on_disk = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return path  # the check reports what is wrong with the file
        if on_disk != editor.text:
            editor.load_text(on_disk)
            self._loaded_text = on_disk
            self.notify(f"{path.name} changed outside the app; showing that version",
                        markup=False)
        return path

    @on(TextArea.Changed, "#editor")
    def _update_editor_title(self) -> None:
        if self.exercise is None:
            return
        editor = self.query_one("#editor", TextArea)
        modified = not editor.read_only and editor.text != self._loaded_text
        editor.border_title = self.exercise.file_name + (" ● modified" if modified else "")
        editor.border_subtitle = "esc: leave the editor"

    # --- actions ---------------------------------------------------------------------------

    def action_save(self) -> None:
        path = self._save_if_modified()
        if path is not None:
            self.notify(f"saved {path.name}", timeout=2, markup=False)

    def action_check(self) -> None:
        if self.exercise is None:
            return
        path = self._sync_with_disk()
        if path is None:
            return  # not saved: grading the old file would judge something not on screen
        self._checking = self.exercise.id
        self._problems.pop(self.exercise.id, None)
        self._hints_shown.pop(self.exercise.id, None)  # the verdict is the news now
        self._show_results()
        self._grade_in_background(self.exercise, path)

    def action_hint(self) -> None:
        exercise = self.exercise
        if exercise is None:
            return
        hints = exercise.hints.get(self.lang) or exercise.hints.get("en") or ()
        if not hints:
            self.notify("this exercise has no hints", markup=False)
            return
        revealed = self._hints_revealed.get(exercise.id, 0)
        first_ask = exercise.id not in self._hints_asked
        self._hints_asked.add(exercise.id)
        if first_ask and revealed:
            # A new session starts from the hint already seen rather than spending the next.
            level, new = min(revealed, len(hints)), False
        elif revealed >= len(hints):
            level, new = len(hints), False
        else:
            level, new = revealed + 1, True
        if new:
            try:
                self.workspace.log.append("hint", exercise=exercise.id, level=level)
            except ProgressLogError as exc:
                self.notify(str(exc), title="progress log", severity="warning", markup=False)
            self._hints_revealed[exercise.id] = level
        last = not new and level == len(hints) and not first_ask
        self._hints_shown[exercise.id] = ShownHint(level, len(hints), hints[level - 1], last)
        self._show_results()

    def action_toggle_zoom(self) -> None:
        # An 80x24 terminal leaves each pane a few lines; zoom lends one the whole screen.
        if self.screen.maximized is not None:
            self.screen.minimize()
        elif self.focused is not None:
            self.screen.maximize(self.focused)

    async def action_quit(self) -> None:
        self._save_if_modified()
        # Close first so a check still running fails fast instead of holding the exit.
        self.sandbox.close(wait=False)
        self.exit(0)

    # --- background work ---------------------------------------------------------------------

    @work(thread=True, group="sandbox", exit_on_error=False)
    def _start_sandbox(self) -> None:
        self.sandbox.start()
        # Warm the judge's imports (hypothesis) so the first check does not pay for them.
        import grader.judge.runner  # noqa: F401

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def _grade_in_background(self, exercise: Exercise, submission_path: Path) -> None:
        worker = get_current_worker()
        try:
            zygote = self.sandbox.zygote()
            with self.sandbox.grading:
                if worker.is_cancelled:
                    return
                from grader.judge.runner import grade  # hypothesis: never on the UI's path

                verdict = grade(exercise, submission_path, zygote, self.workspace.cfg)
        finally:
            if self.sandbox.closed:
                self.sandbox.close()  # the engine restarts a zygote that dies; stop it again
        if worker.is_cancelled:
            return  # superseded by a newer check: neither shown nor logged
        self.workspace.log.append("check", **check_record(verdict))
        self.post_message(CheckFinished(exercise.id, verdict))

    def on_check_finished(self, message: CheckFinished) -> None:
        if self._checking == message.exercise_id:
            self._checking = None
        self._verdicts[message.exercise_id] = message.verdict
        self._statuses[message.exercise_id] = message.verdict.status
        self.query_one(TopicTree).set_status(message.exercise_id, message.verdict.status)
        if self.exercise is not None and self.exercise.id == message.exercise_id:
            self._show_results()
        else:
            self.notify(f"exercise {message.exercise_id}: {message.verdict.message}",
                        markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker failure lands here, shown to the learner instead of crashing the app."""
        if (event.state != WorkerState.ERROR or self.sandbox.closed
                or event.worker.is_cancelled):
            return
        error = event.worker.error
        text = str(error) or type(error).__name__
        if event.worker.group == "check" and self._checking is not None:
            self._problems[self._checking] = f"could not check: {text}"
            self._checking = None
            self._show_results()
        else:
            self.notify(text, title="sandbox", severity="error", markup=False)

    def _show_results(self) -> None:
        exercise = self.exercise
        pane = self.query_one(ResultsPane)
        if exercise is None:
            pane.show(file_name="", problem="no exercises found")
            return
        pane.show(file_name=exercise.file_name, verdict=self._verdicts.get(exercise.id),
                  hint=self._hints_shown.get(exercise.id),
                  checking=self._checking == exercise.id,
                  problem=self._problems.get(exercise.id))


def _write_atomically(path: Path, text: str) -> None:
    """Replace the file in one step, so a crash mid-save never leaves half a solution."""
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
