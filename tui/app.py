"""The practice app: pick an exercise, read its prompt, edit it, check it, ask for a hint.

A client of the engine like the CLI: checks, hints, the solution and reset go through
``grader.actions`` (the same code, policy and log records as `grader check`, `hint`,
`solution` and `reset`); checks run in a thread on the app's one warm ``Checker``
(``tui/sandbox.py``).
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import tempfile
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from textual import on, work
from textual.app import App, ComposeResult, SuspendNotSupported, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Markdown, TextArea, Tree
from textual.worker import Worker, WorkerState, get_current_worker

from grader import actions
from grader.exercise import Exercise, all_exercises, sandbox_preload
from grader.learner import TOPICS, exercise_progress
from grader.progress import ProgressLogError
from grader.verdict import Verdict
from grader.workspace import Workspace, backup_path, init_workspace, open_workspace
from tui.help import help_markdown
from tui.messages import CheckFinished
from tui.sandbox import Sandbox
from tui.screens.dialogs import Dialog, Reader
from tui.widgets.prompt import PromptPane
from tui.widgets.results import ResultsPane, ShownHint
from tui.widgets.topics import TopicTree


class GraderApp(App[int]):
    """The exercise screen: topics on the left; prompt, editor and results of one exercise on
    the right. Quiz, progress and dialogs are screens pushed over it."""

    CSS_PATH = "app.tcss"
    TITLE = "grader"
    # Save and check are priority bindings so they work while the editor has focus; h and q
    # are plain letters, which the editor types, so they act from the other panes.
    # The footer shows the first eight, which fit 80 columns beside ^p palette; F6, F7 and F8
    # are on the buttons above the results, whose labels name their keys. F1 lists them all.
    BINDINGS = [
        Binding("f5,ctrl+r", "check", "Check", id="check", priority=True,
                tooltip="Save, then grade this exercise"),
        Binding("ctrl+s", "save", "Save", id="save", priority=True,
                tooltip="Write the editor's text to exercise_NN.py"),
        Binding("h", "hint", "Hint", id="hint", tooltip="Show the next hint for this exercise"),
        Binding("f1", "help", "Help", id="help", priority=True,
                tooltip="Keys, commands and how checking works"),
        Binding("f3", "quiz", "Quiz", id="quiz", priority=True,
                tooltip="Quiz questions on every topic, one at a time"),
        Binding("f4", "progress", "Progress", id="progress", priority=True,
                tooltip="Per-topic progress, streak, activity and quiz accuracy"),
        Binding("f2", "toggle_zoom", "Zoom", id="zoom", priority=True,
                tooltip="Fill the screen with the focused pane, or restore the layout"),
        Binding("q", "quit", "Quit", id="quit", tooltip="Save and leave"),
        Binding("f6", "open_in_editor", "$EDITOR", id="open-in-editor", priority=True,
                show=False, tooltip="Edit this exercise in your own editor ($VISUAL or $EDITOR)"),
        Binding("f7", "solution", "Solution", id="solution", priority=True, show=False,
                tooltip="Show a reference solution (after you have passed)"),
        Binding("f8", "reset", "Reset", id="reset", priority=True, show=False,
                tooltip="Put the starter back; your file is kept beside it first"),
    ]
    # Actions on the open exercise: off (and out of the footer) while a quiz, the progress
    # page or a dialog is on top, where they would act on an editor the learner cannot see.
    MAIN_SCREEN_ACTIONS = frozenset({"save", "check", "hint", "toggle_zoom", "quiz", "progress",
                                     "open_in_editor", "solution", "reset", "help"})
    ACTION_BUTTONS = (("check", "Check F5", "success"), ("hint", "Hint h", "default"),
                      ("open_in_editor", "Edit F6", "default"),
                      ("solution", "Solution F7", "default"), ("reset", "Reset F8", "default"))
    DISK_POLL_S = 1.0  # how often the open file is compared with what the editor loaded

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
        self._hints_shown: dict[str, ShownHint] = {}  # on screen now, per exercise
        self._verdicts: dict[str, Verdict] = {}  # this session's latest, per exercise
        self._problems: dict[str, str] = {}  # why the last check could not run, per exercise
        self._checking: str | None = None  # the exercise whose check is running
        self.exercise: Exercise | None = None
        self._loaded_text = ""  # what the file held when loaded or last saved
        self._disk_stamp: tuple[int, int] | None = None  # (mtime_ns, size) at that moment
        self._conflict_open = False  # one question about the file at a time
        self._deferred_stamp: tuple[int, int] | None = None  # a disk version "decided later"
        if sandbox is None:
            sandbox = Sandbox(sandbox_preload(self.exercises.values()))
        self.sandbox: Sandbox = sandbox

    def compose(self) -> ComposeResult:
        yield Header(icon="▶")
        with Horizontal(id="main"):
            yield TopicTree(list(self.exercises.values()), self._statuses, id="topics")
            with Vertical(id="work"):
                yield PromptPane(id="prompt-pane")
                # Python highlighting is switched on after the first frame (compiling the
                # tree-sitter query costs ~0.1 s): see _after_first_frame.
                yield TextArea.code_editor(show_line_numbers=True, theme="css", id="editor")
                with Horizontal(id="actions"):
                    # The mouse's way to the same actions as the keys (labels name the key).
                    for action, label, variant in self.ACTION_BUTTONS:
                        yield Button(label, id=f"do-{action}", variant=variant, compact=True)
                yield ResultsPane(id="results")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        tree = self.query_one(TopicTree)
        order = tree.in_order()
        if order:
            first = next((i for i in order if self._statuses.get(i) != "pass"), order[0])
            await self._open(self.exercises[first], prompt=False)  # drawn after the first frame
            tree.select_exercise(first)
        else:
            self._show_results()
        tree.focus()
        self.sub_title = _shown_path(self.workspace.root)
        for warning in self._log_warnings:
            self._warn_about_log(warning)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """What the first frame need not wait for: the sandbox (its torch import), the judge's
        imports, the quiz count, the prompt's Markdown (~0.15 s of widgets), syntax
        highlighting, watching the file."""
        self._start_sandbox()
        if self.exercise is not None and not self.query_one("#prompt", Markdown).source:
            self.run_worker(self.query_one(PromptPane).show(self.exercise, self.lang))
        self._count_due_cards()
        self.query_one("#editor", TextArea).language = "python"
        self.set_interval(self.DISK_POLL_S, self._compare_with_disk)

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

    async def _open(self, exercise: Exercise, *, prompt: bool = True) -> None:
        path = self.workspace.exercise_file(exercise)
        if not path.exists() and exercise.starter.is_file():
            # An exercise added after `grader init`: give it its starter, as init would.
            init_workspace(self.workspace.root, [exercise])
        # The exercise, the editor's text and the file's stamp change together, with no await
        # between them: the disk poll must never see one exercise with another's text.
        self.exercise = exercise
        editor = self.query_one("#editor", TextArea)
        stamp = _stamp(path)  # before reading: a save in between shows up at the next poll
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
        self._disk_stamp = stamp
        self._update_editor_title()
        self._show_results()
        if prompt:
            await self.query_one(PromptPane).show(exercise, self.lang)

    def _save_if_modified(self) -> Path | None:
        """Write the buffer when the learner changed it; never overwrite a file with stale text."""
        if self.exercise is None:
            return None
        editor = self.query_one("#editor", TextArea)
        path = self.workspace.exercise_file(self.exercise)
        if editor.read_only or editor.text == self._loaded_text:
            return path
        if self._changed_on_disk(path):
            self._ask_about_conflict(path)  # the other editor's work is not ours to overwrite
            return None
        return self._write_buffer(path)

    def _write_buffer(self, path: Path) -> Path | None:
        editor = self.query_one("#editor", TextArea)
        try:
            _write_atomically(path, editor.text)
        except OSError as exc:
            self.notify(f"cannot save {path.name}: {exc.strerror or exc}", title="not saved",
                        severity="error", markup=False)
            return None
        self._loaded_text = editor.text
        self._disk_stamp = _stamp(path)
        self._update_editor_title()
        return path

    def _changed_on_disk(self, path: Path) -> bool:
        """True when the file no longer holds what the editor loaded (another editor saved)."""
        if _stamp(path) == self._disk_stamp:
            return False
        try:
            return path.read_text(encoding="utf-8") != self._loaded_text
        except (OSError, UnicodeDecodeError):
            return True

    def _load_from_disk(self, path: Path) -> bool:
        """Show the file as it is on disk now; False when it cannot be read as text."""
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        editor = self.query_one("#editor", TextArea)
        editor.read_only = False
        editor.load_text(text)
        self._loaded_text = text
        self._disk_stamp = _stamp(path)
        if self.exercise is not None:
            self._problems.pop(self.exercise.id, None)
        self._update_editor_title()
        self._show_results()
        return True

    def _compare_with_disk(self) -> None:
        """Every second: follow saves made by another editor, or ask when both sides changed."""
        if self.exercise is None or self._conflict_open:
            return
        path = self.workspace.exercise_file(self.exercise)
        stamp = _stamp(path)
        if stamp is None or stamp in (self._disk_stamp, self._deferred_stamp):
            return  # nothing new, or a version the learner chose to settle later (on save)
        editor = self.query_one("#editor", TextArea)
        if not self._changed_on_disk(path):
            self._disk_stamp = stamp  # touched, same text
        elif editor.read_only or editor.text == self._loaded_text:
            if self._load_from_disk(path):
                self.notify(f"{path.name} changed on disk; showing the new version",
                            markup=False)
        else:
            self._ask_about_conflict(path)

    def _ask_about_conflict(self, path: Path) -> None:
        if self._conflict_open:
            return
        self._conflict_open = True
        question = (f"{path.name} was changed on disk by another program, and this editor has "
                    "unsaved edits. Which version do you want to keep? The other one is saved "
                    "beside the file as a .bak, so nothing is lost.")
        answers = [("disk", "Load the file"), ("mine", "Keep my edits"),
                   ("later", "Decide later")]

        def settle(choice: str | None) -> None:
            self._conflict_open = False
            if self.exercise is None or choice in (None, "later"):
                self._deferred_stamp = _stamp(path)
                return
            editor = self.query_one("#editor", TextArea)
            if choice == "disk":
                kept = _backup_text(path, editor.text, "unsaved")
                self._load_from_disk(path)
                self.notify(f"loaded {path.name}; your edits are in {kept.name}", markup=False)
            else:
                kept = _backup_file(path)
                self._write_buffer(path)
                where = f"; the file's version is in {kept.name}" if kept else ""
                self.notify(f"saved your edits to {path.name}{where}", markup=False)

        self.push_screen(Dialog(question, answers, default="later"), settle)

    def _sync_with_disk(self) -> Path | None:
        """Before a check: save our edits, or, with none, show edits made in another editor."""
        if self.exercise is None:
            return None
        editor = self.query_one("#editor", TextArea)
        path = self.workspace.exercise_file(self.exercise)
        if editor.read_only or editor.text != self._loaded_text:
            return self._save_if_modified()
        if self._changed_on_disk(path) and self._load_from_disk(path):
            self.notify(f"{path.name} changed outside the app; showing that version",
                        markup=False)
        return path  # unreadable: the check reports what is wrong with the file

    @on(TextArea.Changed, "#editor")
    def _update_editor_title(self) -> None:
        if self.exercise is None:
            return
        editor = self.query_one("#editor", TextArea)
        modified = not editor.read_only and editor.text != self._loaded_text
        editor.border_title = self.exercise.file_name + (" ● modified" if modified else "")
        editor.border_subtitle = "esc: leave the editor"

    # --- actions ---------------------------------------------------------------------------

    @on(Button.Pressed, "#actions Button")
    async def _action_button(self, event: Button.Pressed) -> None:
        await self.run_action((event.button.id or "").removeprefix("do-"))

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
        # The running check (if any) is superseded: it stops within a few hundredths of a
        # second, its worker killed, nothing shown or logged for it.
        self._grade_in_background(self.exercise, path)

    def action_hint(self) -> None:
        """The next hint, by ``grader.actions.next_hint``'s policy (the CLI's too)."""
        exercise = self.exercise
        if exercise is None:
            return
        try:
            hint = actions.next_hint(self.workspace, exercise, lang=self.lang)
        except actions.ActionRefused as exc:
            self.notify(str(exc), markup=False)
            return
        except ProgressLogError as exc:
            self._warn_about_log(str(exc))
            return
        self._hints_shown[exercise.id] = ShownHint(hint.level, hint.total, hint.text,
                                                   last=hint.last and not hint.new)
        self._show_results()

    def action_toggle_zoom(self) -> None:
        # An 80x24 terminal leaves each pane a few lines; zoom lends one the whole screen.
        if self.screen.maximized is not None:
            self.screen.minimize()
        elif self.focused is not None:
            self.screen.maximize(self.focused)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in self.MAIN_SCREEN_ACTIONS and self.screen is not self.screen_stack[0]:
            return False
        return True

    def action_help(self) -> None:
        self.push_screen(Reader("grader · help", markdown=help_markdown(self.lang)))

    def action_language(self, lang: str) -> None:
        """Prompts and hints in another language, for this session (grader.yaml is untouched)."""
        if lang == self.lang:
            return
        self.lang = lang
        self._hints_shown.clear()  # shown in the old language; h shows it again in the new
        if self.exercise is not None:
            self.run_worker(self.query_one(PromptPane).show(self.exercise, lang))
        self._show_results()
        self.notify("language: 中文" if lang == "zh" else "language: English", markup=False)

    def action_go_to(self, exercise_id: str) -> None:
        self.query_one(TopicTree).select_exercise(exercise_id)
        self._save_if_modified()

        async def open_and_edit() -> None:
            await self._open(self.exercises[exercise_id])
            self.query_one("#editor", TextArea).focus()

        self.run_worker(open_and_edit())

    def action_open_in_editor(self) -> None:
        """Suspend the app, run the learner's own editor on the file, then show what it saved."""
        if self.exercise is None:
            return
        path = self._save_if_modified()
        if path is None:
            return
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.notify("set $EDITOR to your editor (for example `export EDITOR=nano`) and "
                        "start grader again; or edit here", title="no $EDITOR",
                        severity="warning", markup=False)
            return
        try:
            with self.suspend():
                subprocess.run([*shlex.split(command), str(path)], check=False)
        except SuspendNotSupported:
            self.notify("this terminal cannot hand itself to another program; edit "
                        f"{path.name} in another window, the app follows its saves",
                        severity="warning", markup=False)
            return
        except OSError as exc:
            self.notify(f"could not start {command!r}: {exc.strerror or exc}",
                        severity="error", markup=False)
            return
        if self._changed_on_disk(path):
            self._load_from_disk(path)

    def action_reset(self) -> None:
        exercise = self.exercise
        if exercise is None or not exercise.starter.is_file():
            return
        path = self._save_if_modified()  # unsaved edits go into the backup too
        if path is None:
            return
        question = (f"Put the starter back in {path.name}? Your current file is copied "
                    "beside it first (a timestamped .bak), so nothing is lost.")

        def confirmed(choice: str | None) -> None:
            if choice != "reset" or self.exercise is not exercise:
                return
            try:
                backup = actions.reset(self.workspace, exercise)
            except (OSError, ProgressLogError, actions.ActionRefused) as exc:
                self.notify(f"could not reset: {exc}", severity="error", markup=False)
                return
            self._load_from_disk(path)
            self._verdicts.pop(exercise.id, None)
            kept = f"; your version is in {backup.name}" if backup else ""
            self.notify(f"{path.name} is the starter again{kept}", markup=False)

        self.push_screen(Dialog(question, [("reset", "Reset"), ("cancel", "Cancel")],
                                default="cancel"), confirmed)

    def action_solution(self) -> None:
        """The reference, once passed (as `grader solution`); before that only if insisted."""
        exercise = self.exercise
        if exercise is None:
            return
        try:
            passed = actions.has_passed(self.workspace, exercise)
        except ProgressLogError as exc:
            self._warn_about_log(str(exc))
            return
        if passed:
            self._show_solution(exercise)
            return
        question = (f"Exercise {exercise.id} is not solved yet. Seeing the solution first takes "
                    "away the practice; a hint (h) is usually better. Show it anyway? "
                    "(Your log records that you did.)")

        def decided(choice: str | None) -> None:
            if choice == "show":
                self._show_solution(exercise, force=True)

        self.push_screen(Dialog(question, [("show", "Show it anyway"), ("hint", "Keep trying")],
                                default="hint"), decided)

    def _show_solution(self, exercise: Exercise, *, force: bool = False) -> None:
        try:
            shown = actions.solution(self.workspace, exercise, force=force)
        except (ProgressLogError, actions.ActionRefused) as exc:
            self._warn_about_log(str(exc))
            return
        others = "".join(f"\n### {name}\n\n```python\n{source.rstrip()}\n```\n"
                         for name, source in shown.alternatives)
        self.push_screen(Reader(f"exercise {exercise.id} · a reference solution",
                                python=shown.reference,
                                markdown=f"## Other ways to write it\n{others}" if others
                                else None))

    def action_progress(self) -> None:
        from tui.screens.progress import ProgressScreen

        try:
            records = self.workspace.log.read(warn=self._warn_about_log)
        except ProgressLogError as exc:
            self._warn_about_log(str(exc))
            return
        self.push_screen(ProgressScreen(records, self.exercises, lang=self.lang))

    def _warn_about_log(self, message: str) -> None:
        self.notify(message, title="progress log", severity="warning", markup=False)

    def action_quiz(self, topic: str | None = None, due: bool = False) -> None:
        from grader.quiz.session import new_session  # lazy: keeps start-up lean
        from grader.sandbox.limits import Limits
        from tui.screens.quiz import QuizScreen, SandboxSnippets

        snippets = SandboxSnippets(self.sandbox, Limits.from_config(self.workspace.cfg))
        try:
            session = new_session(self.workspace, snippets, topic=topic, due_only=due)
        except ProgressLogError as exc:
            self._warn_about_log(str(exc))
            return
        title = topic or ("due for review" if due else "all topics")
        self.push_screen(QuizScreen(session, title=title),
                         lambda _score: self._count_due_cards())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The palette (ctrl+p): every exercise by number and title, quizzes, language, help."""
        yield from super().get_system_commands(screen)
        if screen is not self.screen_stack[0]:
            return  # a quiz or dialog on top: only Textual's own commands
        for exercise in sorted(self.exercises.values(), key=lambda e: e.id):
            title = exercise.title.get(self.lang) or exercise.title.get("en") or exercise.slug
            yield SystemCommand(f"Go to exercise {exercise.id} · {title}",
                                f"{exercise.topic} · {exercise.file_name}",
                                lambda i=exercise.id: self.action_go_to(i), discover=False)
        yield SystemCommand("Quiz: all topics", "Questions from every topic", self.action_quiz)
        yield SystemCommand("Quiz: cards due for review", "Spaced review of what you answered",
                            lambda: self.action_quiz(due=True))
        for topic in TOPICS:
            yield SystemCommand(f"Quiz: {topic}", f"Questions on {topic} only",
                                lambda t=topic: self.action_quiz(topic=t), discover=False)
        yield SystemCommand("Progress", "Per-topic bars, streak, activity, quiz accuracy",
                            self.action_progress)
        yield SystemCommand("Language: en English", "Prompts and hints in English",
                            lambda: self.action_language("en"))
        yield SystemCommand("Language: zh 中文 (Chinese)", "题目和提示使用中文",
                            lambda: self.action_language("zh"))
        yield SystemCommand("Open in $EDITOR", "Edit this exercise in your own editor",
                            self.action_open_in_editor)
        yield SystemCommand("Show the solution", "After a pass; asks first before one",
                            self.action_solution)
        yield SystemCommand("Reset to the starter", "Keeps your file as a .bak first",
                            self.action_reset)
        yield SystemCommand("Help", "Keys, commands and how checking works", self.action_help)

    async def action_quit(self) -> None:
        self._save_if_modified()
        # Close first: a running check stops now (rather than at its timeout) and the exit
        # does not wait for it.
        self.sandbox.close(wait=False)
        self.exit(0)

    # --- background work ---------------------------------------------------------------------

    @work(thread=True, group="sandbox", exit_on_error=False)
    def _start_sandbox(self) -> None:
        self.sandbox.start()

    @work(thread=True, group="due", exit_on_error=False)
    def _count_due_cards(self) -> None:
        """The header's quiz count; fsrs and the quiz bank load here, off the first frame."""
        from grader.quiz.schedule import card_states
        from grader.quiz.session import cards

        states = card_states(self.workspace.log.read())
        now = datetime.now(UTC)
        due = sum(state.due <= now for state in states.values())
        new = sum(card not in states for card in cards())
        self.call_from_thread(self._show_due, due, new)

    def _show_due(self, due: int, new: int) -> None:
        # The count first: a long path is what an 80-column header cuts off.
        self.sub_title = f"quiz: {due} due, {new} new · {_shown_path(self.workspace.root)}"

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def _grade_in_background(self, exercise: Exercise, submission_path: Path) -> None:
        from grader.channel import Cancelled

        worker = get_current_worker()
        try:
            verdict = self.sandbox.check(self.workspace, exercise, submission_path)
        except Cancelled:
            return  # a newer check took over (or the app is closing); its worker was killed
        finally:
            if self.sandbox.closed:
                self.sandbox.close()  # the engine restarts a zygote that dies; stop it again
        if worker.is_cancelled:
            return  # superseded just as it finished: not shown (its record is a true one)
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


def _shown_path(path: Path) -> str:
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)


def _stamp(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _backup_text(path: Path, text: str, kind: str) -> Path:
    """Keep text the learner is about to discard, beside the file it belongs to."""
    backup = backup_path(path, kind)
    _write_atomically(backup, text)
    return backup


def _backup_file(path: Path) -> Path | None:
    if not path.exists():
        return None
    backup = backup_path(path, "disk")
    shutil.copy2(path, backup)
    return backup


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
