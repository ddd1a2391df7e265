"""The exercise screen: topics on the left; prompt, editor and results of one exercise on the
right. Checks, hints, the solution and reset go through ``grader.actions`` (the same code,
policy and log records as `grader check`, `hint`, `solution` and `reset`); checks run in a
thread on the app's one warm ``Checker`` (``tui/sandbox.py``). Quiz, progress and dialogs are
screens pushed over it, where its keys do not reach.
"""

from __future__ import annotations

import os
import shlex
import subprocess
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult, SuspendNotSupported
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Markdown, Tree
from textual.worker import Worker, WorkerState, get_current_worker

from grader import actions
from grader.exercise import Exercise
from grader.progress import ProgressLogError
from grader.verdict import Verdict
from grader.workspace import init_workspace
from tui.bindings import key_display, main_bindings, relabel
from tui.commands import ExerciseCommands
from tui.help import help_markdown
from tui.messages import CheckFinished
from tui.screens.dialogs import Dialog, Reader
from tui.strings import text
from tui.widgets.editor import ExerciseEditor
from tui.widgets.prompt import PromptPane
from tui.widgets.results import ResultsPane, ShownHint
from tui.widgets.topics import TopicTree

if TYPE_CHECKING:
    from tui.app import GraderApp

# The mouse's way to the same actions as the keys: (action, binding id, variant).
ACTION_BUTTONS = (("check", "check", "success"), ("hint", "hint", "default"),
                  ("open_in_editor", "open-in-editor", "default"),
                  ("solution", "solution", "default"), ("reset", "reset", "default"))


class MainScreen(Screen[None]):
    """The screen the app opens on; the state of this session's work on the exercises."""

    BINDINGS: ClassVar[list[BindingType]] = main_bindings()
    COMMANDS = {ExerciseCommands}
    app: GraderApp

    def __init__(self, statuses: dict[str, str], log_warnings: list[str]) -> None:
        """``statuses``: each exercise's latest check status from the log, read by the app
        before the terminal was taken (an unreadable log is a one-line error there);
        ``log_warnings``: what that read skipped, shown once the screen is up."""
        super().__init__()
        self._log_warnings = log_warnings
        self._statuses = dict(statuses)
        self._hints_shown: dict[str, ShownHint] = {}  # on screen now, per exercise
        self._verdicts: dict[str, Verdict] = {}  # this session's latest, per exercise
        self._problems: dict[str, str] = {}  # why the last check could not run, per exercise
        self._checking: str | None = None  # the exercise whose check is running
        self.exercise: Exercise | None = None
        self.due_counted = False  # the header's quiz count is in (snapshots wait for it)
        relabel(self, self.app.lang)

    @property
    def editor(self) -> ExerciseEditor:
        return self.query_one("#editor", ExerciseEditor)

    def compose(self) -> ComposeResult:
        app = self.app
        yield Header(icon="▶")
        with Horizontal(id="main"):
            yield TopicTree(list(app.exercises.values()), self._statuses, id="topics")
            with Vertical(id="work"):
                yield PromptPane(id="prompt-pane")
                yield ExerciseEditor(lang=app.lang, keymap=app.keymap, id="editor")
                with Horizontal(id="actions"):
                    for action, _binding_id, variant in ACTION_BUTTONS:
                        yield Button("", id=f"do-{action}", variant=variant, compact=True)
                yield ResultsPane(id="results")
        yield Footer(compact=True)

    async def on_mount(self) -> None:
        self._label_buttons()
        tree = self.query_one(TopicTree)
        order = tree.in_order()
        if order:
            first = next((i for i in order if self._statuses.get(i) != "pass"), order[0])
            await self._open(self.app.exercises[first], prompt=False)  # drawn after 1st frame
            tree.select_exercise(first)
        else:
            self._show_results()
        tree.focus()
        self.app.sub_title = _shown_path(self.app.workspace.root)
        for warning in self._log_warnings:
            self._warn_about_log(warning)
        self.call_after_refresh(self._after_first_frame)

    def _after_first_frame(self) -> None:
        """What the first frame need not wait for: the sandbox (its torch import), the judge's
        imports, the quiz count, the prompt's Markdown (~0.15 s of widgets), syntax
        highlighting."""
        self._start_sandbox()
        if self.exercise is not None and not self.query_one("#prompt", Markdown).source:
            self.run_worker(self.query_one(PromptPane).show(self.exercise, self.app.lang))
        self._count_due_cards()
        self.editor.language = "python"

    def use_language(self, lang: str) -> None:
        """Footer, buttons, editor, results and prompt in ``lang`` from now on."""
        relabel(self, lang)
        self.editor.lang = lang
        self.editor.refresh_title()
        self._label_buttons()
        self._hints_shown.clear()  # shown in the old language; h shows it again in the new
        if self.exercise is not None:
            self.run_worker(self.query_one(PromptPane).show(self.exercise, lang))
        self._show_results()
        self._count_due_cards()

    def _label_buttons(self) -> None:
        for action, binding_id, _variant in ACTION_BUTTONS:
            self.query_one(f"#do-{action}", Button).label = self._text(
                f"button.{action}", key=key_display(binding_id, self.app.keymap))

    def _text(self, name: str, /, **fields: object) -> str:
        return text(self.app.lang, name, **fields)

    # --- opening and saving --------------------------------------------------------------

    @on(Tree.NodeSelected, "#topics")
    async def _exercise_chosen(self, event: Tree.NodeSelected[str | None]) -> None:
        exercise_id = event.node.data
        if exercise_id is None:
            return
        if self.exercise is None or self.exercise.id != exercise_id:
            self.editor.save_if_modified()
            await self._open(self.app.exercises[exercise_id])
        self.editor.focus()

    async def _open(self, exercise: Exercise, *, prompt: bool = True) -> None:
        path = self.app.workspace.exercise_file(exercise)
        if not path.exists() and exercise.starter.is_file():
            # An exercise added after `grader init`: give it its starter, as init would.
            init_workspace(self.app.workspace.root, [exercise])
        # The exercise and the editor's file change together, with no await between them.
        self.exercise = exercise
        problem = self.editor.open(path)
        if problem is None:
            self._problems.pop(exercise.id, None)
        else:
            self._problems[exercise.id] = problem
        self._show_results()
        if prompt:
            await self.query_one(PromptPane).show(exercise, self.app.lang)

    @on(ExerciseEditor.Reloaded)
    def _file_reloaded(self) -> None:
        if self.exercise is not None:
            self._problems.pop(self.exercise.id, None)
        self._show_results()

    def save_before_leaving(self) -> None:
        """Quitting keeps the learner's edits (unless another editor's save is in the way)."""
        self.editor.save_if_modified()

    # --- actions ---------------------------------------------------------------------------

    @on(Button.Pressed, "#actions Button")
    async def _action_button(self, event: Button.Pressed) -> None:
        await self.run_action((event.button.id or "").removeprefix("do-"))

    def action_save(self) -> None:
        path = self.editor.save_if_modified()
        if path is not None:
            self.notify(self._text("editor.saved", file=path.name), timeout=2, markup=False)

    def action_check(self) -> None:
        if self.exercise is None:
            return
        path = self.editor.sync_with_disk()
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
            hint = actions.next_hint(self.app.workspace, exercise, lang=self.app.lang)
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
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused)

    def action_help(self) -> None:
        self.app.push_screen(Reader(self._text("help.title"), lang=self.app.lang,
                                    markdown=help_markdown(self.app.lang, self.app.keymap)))

    def action_go_to(self, exercise_id: str) -> None:
        self.query_one(TopicTree).select_exercise(exercise_id)
        self.editor.save_if_modified()

        async def open_and_edit() -> None:
            await self._open(self.app.exercises[exercise_id])
            self.editor.focus()

        self.run_worker(open_and_edit())

    def action_open_in_editor(self) -> None:
        """Suspend the app, run the learner's own editor on the file, then show what it saved."""
        if self.exercise is None:
            return
        path = self.editor.save_if_modified()
        if path is None:
            return
        command = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not command:
            self.notify(self._text("external.none"), title=self._text("external.none_title"),
                        severity="warning", markup=False)
            return
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(command), str(path)], check=False)
        except SuspendNotSupported:
            self.notify(self._text("external.no_suspend", file=path.name), severity="warning",
                        markup=False)
            return
        except OSError as exc:
            self.notify(self._text("external.failed", command=repr(command),
                                   error=exc.strerror or exc), severity="error", markup=False)
            return
        if self.editor.changed_on_disk():
            self.editor.load_from_disk()

    def action_reset(self) -> None:
        exercise = self.exercise
        if exercise is None or not exercise.starter.is_file():
            return
        path = self.editor.save_if_modified()  # unsaved edits go into the backup too
        if path is None:
            return

        def confirmed(choice: str | None) -> None:
            if choice != "reset" or self.exercise is not exercise:
                return
            try:
                backup = actions.reset(self.app.workspace, exercise)
            except (OSError, ProgressLogError, actions.ActionRefused) as exc:
                self.notify(self._text("reset.failed", error=exc), severity="error",
                            markup=False)
                return
            self.editor.load_from_disk()
            self._verdicts.pop(exercise.id, None)
            if backup is None:
                self.notify(self._text("reset.done", file=path.name), markup=False)
            else:
                self.notify(self._text("reset.done_backup", file=path.name, backup=backup.name),
                            markup=False)

        self.app.push_screen(Dialog(self._text("reset.question", file=path.name),
                                    [("reset", self._text("reset.yes")),
                                     ("cancel", self._text("reset.no"))],
                                    default="cancel", lang=self.app.lang), confirmed)

    def action_solution(self) -> None:
        """The reference, once passed (as `grader solution`); before that only if insisted."""
        exercise = self.exercise
        if exercise is None:
            return
        try:
            passed = actions.has_passed(self.app.workspace, exercise)
        except ProgressLogError as exc:
            self._warn_about_log(str(exc))
            return
        if passed:
            self._show_solution(exercise)
            return

        def decided(choice: str | None) -> None:
            if choice == "show":
                self._show_solution(exercise, force=True)

        question = self._text("solution.question", id=exercise.id,
                              key=key_display("hint", self.app.keymap))
        self.app.push_screen(Dialog(question, [("show", self._text("solution.show")),
                                               ("hint", self._text("solution.hint"))],
                                    default="hint", lang=self.app.lang), decided)

    def _show_solution(self, exercise: Exercise, *, force: bool = False) -> None:
        try:
            shown = actions.solution(self.app.workspace, exercise, force=force)
        except (ProgressLogError, actions.ActionRefused) as exc:
            self._warn_about_log(str(exc))
            return
        others = "".join(f"\n### {name}\n\n```python\n{source.rstrip()}\n```\n"
                         for name, source in shown.alternatives)
        heading = self._text("solution.others")
        self.app.push_screen(Reader(self._text("solution.title", id=exercise.id),
                                    python=shown.reference, lang=self.app.lang,
                                    markdown=f"## {heading}\n{others}" if others else None))

    def action_progress(self) -> None:
        from tui.screens.progress import ProgressScreen

        try:
            records = self.app.workspace.log.read(warn=self._warn_about_log)
        except ProgressLogError as exc:
            self._warn_about_log(str(exc))
            return
        self.app.push_screen(ProgressScreen(records, self.app.exercises, lang=self.app.lang))

    def _warn_about_log(self, message: str) -> None:
        self.notify(message, title=self._text("notify.log_title"), severity="warning",
                    markup=False)

    def action_quiz(self, topic: str | None = None, due: bool = False) -> None:
        from grader.quiz.session import new_session  # lazy: keeps start-up lean
        from grader.sandbox.limits import Limits
        from tui.screens.quiz import QuizScreen, SandboxSnippets

        workspace = self.app.workspace
        snippets = SandboxSnippets(self.app.sandbox, Limits.from_config(workspace.cfg))
        try:
            session = new_session(workspace, snippets, topic=topic, due_only=due)
        except ProgressLogError as exc:
            self._warn_about_log(str(exc))
            return
        session.lang = self.app.lang  # the palette's language switch reaches the quiz too
        title = topic or self._text("quiz.due" if due else "quiz.all")
        self.app.push_screen(QuizScreen(session, title=title),
                             lambda _score: self._count_due_cards())

    # --- background work ---------------------------------------------------------------------

    @work(thread=True, group="sandbox", exit_on_error=False)
    def _start_sandbox(self) -> None:
        self.app.sandbox.start()
        # The CLI says this on stderr; the app's stderr is not on the screen.
        from grader.sandbox.isolation import isolation_status

        status = isolation_status()
        if not status.strict:
            self.app.call_from_thread(
                self.notify, self._text("notify.limits_only", why=status.reason),
                title=self._text("notify.sandbox_title"), severity="warning", timeout=15,
                markup=False)

    @work(thread=True, group="due", exit_on_error=False)
    def _count_due_cards(self) -> None:
        """The header's quiz count; fsrs and the quiz bank load here, off the first frame."""
        from grader.quiz.schedule import card_states
        from grader.quiz.session import cards

        states = card_states(self.app.workspace.log.read())
        now = datetime.now(UTC)
        due = sum(state.due <= now for state in states.values())
        new = sum(card not in states for card in cards())
        self.app.call_from_thread(self._show_due, due, new)

    def _show_due(self, due: int, new: int) -> None:
        # The count first: a long path is what an 80-column header cuts off.
        self.app.sub_title = (f"{self._text('header.quiz', due=due, new=new)} · "
                          f"{_shown_path(self.app.workspace.root)}")
        self.due_counted = True

    @work(thread=True, exclusive=True, group="check", exit_on_error=False)
    def _grade_in_background(self, exercise: Exercise, submission_path: Path) -> None:
        from grader.channel import Cancelled

        worker = get_current_worker()
        sandbox = self.app.sandbox
        try:
            verdict = sandbox.check(self.app.workspace, exercise, submission_path)
        except Cancelled:
            return  # a newer check took over (or the app is closing); its worker was killed
        finally:
            if sandbox.closed:
                sandbox.close()  # the engine restarts a zygote that dies; stop it again
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
            self.notify(self._text("notify.finished", id=message.exercise_id,
                                   message=message.verdict.message), markup=False)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Every worker failure lands here, shown to the learner instead of crashing the app."""
        if (event.state != WorkerState.ERROR or self.app.sandbox.closed
                or event.worker.is_cancelled):
            return
        error = event.worker.error
        reason = str(error) or type(error).__name__
        if event.worker.group == "check" and self._checking is not None:
            self._problems[self._checking] = self._text("results.could_not_check",
                                                        error=reason)
            self._checking = None
            self._show_results()
        else:
            self.notify(reason, title=self._text("notify.sandbox_title"), severity="error",
                        markup=False)

    def _show_results(self) -> None:
        exercise = self.exercise
        pane = self.query_one(ResultsPane)
        lang = self.app.lang
        if exercise is None:
            pane.show(file_name="", problem=self._text("results.no_exercises"), lang=lang)
            return
        pane.show(file_name=exercise.file_name, verdict=self._verdicts.get(exercise.id),
                  hint=self._hints_shown.get(exercise.id),
                  checking=self._checking == exercise.id,
                  problem=self._problems.get(exercise.id), lang=lang,
                  check_key=key_display("check", self.app.keymap))


def _shown_path(path: Path) -> str:
    home = Path.home()
    return f"~/{path.relative_to(home)}" if path.is_relative_to(home) else str(path)
