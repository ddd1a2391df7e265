"""The exercise screen's keys: one table of bindings, each with an id a learner can remap in
grader.yaml (``UI: {KEYMAP: {check: f9}}``), labelled in the learner's language.

Textual applies the keymap itself (``App.set_keymap``); this module checks it first, so a typo
is a ``ConfigError`` that names the setting rather than a key that silently does nothing.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, replace

from textual.binding import Binding, BindingsMap
from textual.dom import DOMNode
from textual.keys import Keys, format_key, key_to_character

from grader.config import ConfigError
from tui.strings import STRINGS, text


@dataclass(frozen=True)
class Key:
    """One binding of the exercise screen; its label and tooltip come from ``tui.strings``."""

    id: str
    keys: str  # Textual's key names, comma-separated: the defaults a keymap replaces
    action: str
    priority: bool = False  # works while the editor has focus (it would type a plain letter)
    show: bool = True  # in the footer (F6, F7 and F8 are on the buttons instead)


# Save and check are priority bindings so they work while the editor has focus; h and q are
# plain letters, which the editor types, so they act from the other panes. The footer shows the
# first eight, which fit 80 columns beside ^p palette.
MAIN_KEYS: tuple[Key, ...] = (
    Key("check", "f5,ctrl+r", "check", priority=True),
    Key("save", "ctrl+s", "save", priority=True),
    Key("hint", "h", "hint"),
    Key("help", "f1", "help", priority=True),
    Key("quiz", "f3", "quiz", priority=True),
    Key("progress", "f4", "progress", priority=True),
    Key("zoom", "f2", "toggle_zoom", priority=True),
    Key("quit", "q", "app.quit"),
    Key("open-in-editor", "f6", "open_in_editor", priority=True, show=False),
    Key("solution", "f7", "solution", priority=True, show=False),
    Key("reset", "f8", "reset", priority=True, show=False),
)
# The app's own, on every screen: Textual's palette key, given an id so it can be remapped and
# labelled like the rest.
APP_KEYS: tuple[Key, ...] = (
    Key("command-palette", "ctrl+p", "command_palette", priority=True, show=False),
)
# Bindings of the other screens that a keymap may also name (their own modules define them).
OTHER_IDS = ("dialog-cancel", "reader-close", "close-progress", "quiz.close", "quiz.pick_a",
             "quiz.pick_b", "quiz.pick_c", "quiz.pick_d", "quiz.next", "quiz.page_down",
             "quiz.page_up")
MODIFIERS = ("ctrl", "shift", "alt", "meta", "super", "hyper")
_NAMED_KEYS = {key.value for key in Keys if "+" not in key.value}
_FUNCTION_KEY = re.compile(r"f([1-9]|1[0-9]|2[0-4])")


def main_bindings(lang: str = "en") -> list[Binding]:
    """The exercise screen's bindings with labels in ``lang``."""
    return _bindings(MAIN_KEYS, lang)


def app_bindings(lang: str = "en") -> list[Binding]:
    """The app's own bindings (every screen) with labels in ``lang``."""
    return _bindings(APP_KEYS, lang)


def _bindings(keys: tuple[Key, ...], lang: str) -> list[Binding]:
    return [Binding(key.keys, key.action, text(lang, f"key.{key.id}"), id=key.id,
                    priority=key.priority, show=key.show, tooltip=text(lang, f"does.{key.id}"))
            for key in keys]


def relabel(node: DOMNode, lang: str) -> None:
    """Label ``node``'s own bindings in ``lang`` (the footer shows the change at once).

    Textual has no public way to change a binding's description once made, so this swaps the
    node's ``_bindings`` map (checked against Textual 8.2): the one place that reaches in.
    """
    relabelled = BindingsMap()
    for key, bindings in node._bindings.key_to_bindings.items():
        relabelled.key_to_bindings[key] = [_in_language(binding, lang) for binding in bindings]
    node._bindings = relabelled
    node.refresh_bindings()


def _in_language(binding: Binding, lang: str) -> Binding:
    if binding.id is None or f"key.{binding.id}" not in STRINGS["en"]:
        return binding
    tooltip = text(lang, f"does.{binding.id}") if f"does.{binding.id}" in STRINGS["en"] \
        else binding.tooltip
    group = binding.group
    if group is not None and f"group.{group.description}" in STRINGS["en"]:
        group = replace(group, description=text(lang, f"group.{group.description}"))
    return replace(binding, description=text(lang, f"key.{binding.id}"), tooltip=tooltip,
                   group=group)


def checked_keymap(keymap: Mapping[str, str]) -> dict[str, str]:
    """``UI.KEYMAP`` as Textual takes it; an unknown id or key name is a ConfigError."""
    known = [key.id for key in (*MAIN_KEYS, *APP_KEYS)] + list(OTHER_IDS)
    checked: dict[str, str] = {}
    for binding_id, keys in keymap.items():
        if binding_id not in known:
            raise ConfigError(f"UI.KEYMAP.{binding_id}: no key has that id; the ids are "
                              f"{', '.join(known)}")
        names = []
        for part in str(keys).split(","):
            name = _key_name(part.strip())
            if name is None:
                raise ConfigError(f"UI.KEYMAP.{binding_id}: {part.strip()!r} is not a key "
                                  "name; write keys as f9, ctrl+k, escape or a single letter")
            names.append(name)
        checked[binding_id] = ",".join(names)
    return checked


def _key_name(key: str) -> str | None:
    """Textual's name for a key as a learner writes it (F9 → f9), or None for no such key."""
    if len(key) == 1:
        return key if key.isprintable() and not key.isspace() else None
    *modifiers, base = key.lower().split("+")
    if any(modifier not in MODIFIERS for modifier in modifiers) or not base:
        return None
    if len(base) == 1 or _FUNCTION_KEY.fullmatch(base) or base in _NAMED_KEYS or \
            key_to_character(base) is not None:
        return "+".join([*modifiers, base])
    return None


def key_display(binding_id: str, keymap: Mapping[str, str], *, every: bool = False) -> str:
    """How the screen names the key of ``binding_id``, remapped or not: its first key
    (``F5``: a button or a sentence has room for one), or ``every`` one (``F5 / Ctrl+R``)."""
    default = next(key.keys for key in (*MAIN_KEYS, *APP_KEYS) if key.id == binding_id)
    keys = keymap.get(binding_id, default).split(",")
    return " / ".join(_shown(key) for key in (keys if every else keys[:1]))


def _shown(key: str) -> str:
    *modifiers, base = key.split("+")
    base = format_key(base)
    if _FUNCTION_KEY.fullmatch(base) or (modifiers and len(base) == 1):
        base = base.upper()  # F5, Ctrl+S: as keyboards and manuals print them
    return "+".join([*(modifier.capitalize() for modifier in modifiers), base])
