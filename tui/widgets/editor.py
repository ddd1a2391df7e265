"""The editor of the open exercise file, and the keeper of its sync with the disk.

It loads the file, saves it atomically, looks once a second whether another editor saved it,
follows such saves when it has no edits of its own, and asks which side to keep when both
changed (the discarded side is kept as a ``.bak`` named by ``grader.workspace.backup_path``).
No edit, here or elsewhere, is ever lost without a copy.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from textual.message import Message
from textual.widgets import TextArea

from grader.workspace import backup_path, write_atomically
from tui.bindings import key_display
from tui.screens.dialogs import Dialog
from tui.strings import text

Stamp = tuple[int, int]  # (mtime_ns, size): cheap to compare every second


class ExerciseEditor(TextArea):
    """A code editor bound to one file at a time (``open``); ``lang`` picks its messages."""

    DISK_POLL_S = 1.0  # how often the open file is compared with what the editor loaded

    class Reloaded(Message):
        """The editor now shows the file as it is on disk (another editor saved, or a reset)."""

    def __init__(self, *, lang: str = "en", keymap: dict[str, str] | None = None,
                 id: str | None = None) -> None:
        """``keymap``: the app's remapped keys, so a message names the key that checks."""
        # What TextArea.code_editor sets; highlighting is switched on after the first frame
        # (compiling the tree-sitter query costs ~0.1 s): see ``MainScreen``.
        super().__init__(show_line_numbers=True, theme="css", soft_wrap=False,
                         tab_behavior="indent", id=id)
        self.lang = lang
        self.keymap = keymap or {}
        self.path: Path | None = None
        self._loaded_text = ""  # what the file held when loaded or last saved
        self._disk_stamp: Stamp | None = None  # its stamp at that moment
        self._conflict_open = False  # one question about the file at a time
        self._deferred_stamp: Stamp | None = None  # a disk version "decided later"

    def on_mount(self) -> None:
        self.set_interval(self.DISK_POLL_S, self._compare_with_disk)

    @property
    def modified(self) -> bool:
        """Edits here that the file does not have yet."""
        return not self.read_only and self.text != self._loaded_text

    def open(self, path: Path) -> str | None:
        """Show ``path``; returns why it cannot be edited here (the editor is then read-only).

        The path, the text and the stamp change together, with no await between them: the disk
        poll must never see one file with another's text.
        """
        self.path = path
        stamp = _stamp(path)  # before reading: a save in between shows up at the next poll
        problem = None
        try:
            content = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            problem = text(self.lang, "editor.missing", file=path.name)
        except (OSError, UnicodeDecodeError) as exc:
            problem = text(self.lang, "editor.unreadable", file=path.name, error=exc,
                           key=key_display("check", self.keymap))
        self.read_only = problem is not None
        content = "" if problem is not None else content
        self.load_text(content)
        self._loaded_text = content
        self._disk_stamp = stamp
        self.refresh_title()
        return problem

    def save_if_modified(self) -> Path | None:
        """Write the buffer when the learner changed it; never overwrite a file with stale text.

        Returns the file (saved or unchanged), or None when nothing could be saved: a conflict
        to settle first, or a write that failed.
        """
        path = self.path
        if path is None:
            return None
        if not self.modified:
            return path
        if self.changed_on_disk():
            self._ask_about_conflict(path)  # the other editor's work is not ours to overwrite
            return None
        return self._write_buffer(path)

    def sync_with_disk(self) -> Path | None:
        """Before a check: save our edits, or, with none, show edits made in another editor."""
        path = self.path
        if path is None:
            return None
        if self.read_only or self.modified:
            return self.save_if_modified()
        if self.changed_on_disk() and self.load_from_disk():
            self.notify(text(self.lang, "editor.followed_before_check", file=path.name),
                        markup=False)
        return path  # unreadable: the check reports what is wrong with the file

    def changed_on_disk(self) -> bool:
        """True when the file no longer holds what the editor loaded (another editor saved)."""
        if self.path is None or _stamp(self.path) == self._disk_stamp:
            return False
        try:
            return self.path.read_text(encoding="utf-8") != self._loaded_text
        except (OSError, UnicodeDecodeError):
            return True

    def load_from_disk(self) -> bool:
        """Show the file as it is on disk now; False when it cannot be read as text."""
        if self.path is None:
            return False
        try:
            content = self.path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return False
        self.read_only = False
        self.load_text(content)
        self._loaded_text = content
        self._disk_stamp = _stamp(self.path)
        self.refresh_title()
        self.post_message(self.Reloaded())
        return True

    def _write_buffer(self, path: Path) -> Path | None:
        try:
            write_atomically(path, self.text)
        except OSError as exc:
            self.notify(text(self.lang, "editor.cannot_save", file=path.name,
                             error=exc.strerror or exc),
                        title=text(self.lang, "editor.not_saved"), severity="error",
                        markup=False)
            return None
        self._loaded_text = self.text
        self._disk_stamp = _stamp(path)
        self.refresh_title()
        return path

    def _compare_with_disk(self) -> None:
        """Every second: follow saves made by another editor, or ask when both sides changed."""
        path = self.path
        if path is None or self._conflict_open:
            return
        stamp = _stamp(path)
        if stamp is None or stamp in (self._disk_stamp, self._deferred_stamp):
            return  # nothing new, or a version the learner chose to settle later (on save)
        if not self.changed_on_disk():
            self._disk_stamp = stamp  # touched, same text
        elif not self.modified:
            if self.load_from_disk():
                self.notify(text(self.lang, "editor.followed", file=path.name), markup=False)
        else:
            self._ask_about_conflict(path)

    def _ask_about_conflict(self, path: Path) -> None:
        if self._conflict_open:
            return
        self._conflict_open = True
        lang = self.lang
        answers = [(choice, text(lang, f"conflict.{choice}"))
                   for choice in ("disk", "mine", "later")]

        def settle(choice: str | None) -> None:
            self._conflict_open = False
            if self.path != path or choice in (None, "later"):
                self._deferred_stamp = _stamp(path)
                return
            if choice == "disk":
                kept = _backup_text(path, self.text, "unsaved")
                self.load_from_disk()
                self.notify(text(lang, "conflict.loaded", file=path.name, backup=kept.name),
                            markup=False)
            else:
                kept_file = _backup_file(path)
                self._write_buffer(path)
                if kept_file is None:
                    self.notify(text(lang, "conflict.kept_mine", file=path.name), markup=False)
                else:
                    self.notify(text(lang, "conflict.kept_mine_backup", file=path.name,
                                     backup=kept_file.name), markup=False)

        self.app.push_screen(Dialog(text(lang, "conflict.question", file=path.name), answers,
                                    default="later", lang=lang), settle)

    def on_text_area_changed(self) -> None:
        self.refresh_title()

    def refresh_title(self) -> None:
        """The file's name, whether it has unsaved edits, how to leave: in ``lang``."""
        if self.path is None:
            return
        self.border_title = self.path.name + (text(self.lang, "editor.modified")
                                              if self.modified else "")
        self.border_subtitle = text(self.lang, "editor.leave")


def _stamp(path: Path) -> Stamp | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_mtime_ns, info.st_size


def _backup_text(path: Path, content: str, kind: str) -> Path:
    """Keep text the learner is about to discard, beside the file it belongs to."""
    backup = backup_path(path, kind)
    write_atomically(backup, content)
    return backup


def _backup_file(path: Path) -> Path | None:
    if not path.exists():
        return None
    backup = backup_path(path, "disk")
    shutil.copy2(path, backup)
    return backup

