"""Settings with yacs: defaults here, a workspace's ``grader.yaml`` on top, ``--set`` last.

The same pattern exercise_02 teaches. Every bad key or value becomes a ``ConfigError`` whose
message names the file (or ``--set``) and the key.
"""

from __future__ import annotations

from pathlib import Path

from yacs.config import CfgNode as CN

_C = CN()

_C.CHECK = CN()
_C.CHECK.MAX_EXAMPLES = 100  # hypothesis examples per property
_C.CHECK.CALL_TIMEOUT = 10.0  # seconds for one call into the submission
_C.CHECK.IMPORT_TIMEOUT = 10.0  # seconds to import the submission
_C.CHECK.RUN_TIMEOUT = 120.0  # seconds for the whole run of one file
_C.CHECK.OUTPUT_CAP = 4000  # characters of captured output kept per check
# `grader check` hands files to a warm background server for this workspace (started by the
# first check); it exits after this many minutes without work. False: every check is cold.
_C.CHECK.SERVER = True
_C.CHECK.SERVER_IDLE_MINUTES = 15.0

_C.SANDBOX = CN()
_C.SANDBOX.CPU_SECONDS = 60
_C.SANDBOX.MEMORY_MB = 4096
_C.SANDBOX.FILE_SIZE_MB = 16
_C.SANDBOX.OPEN_FILES = 256
_C.SANDBOX.PROCESSES = 64
# The strict sandbox where the kernel allows it (user, mount, pid, net and IPC namespaces;
# student code sees only Python, its packages and its own folder: `grader doctor` shows
# what). False: process limits only. GRADER_SANDBOX=limits-only forces that process-wide.
_C.SANDBOX.NAMESPACES = True

_C.UI = CN()
_C.UI.LANG = "en"
# The app's keys, remapped by binding id: {check: f9, hint: "ctrl+h"}; `grader` lists the ids
# on its help page (F1). The app checks ids and key names when it opens.
_C.UI.KEYMAP = CN(new_allowed=True)

_C.QUIZ = CN()
# Changes the numbers every quiz template draws, so a class gets different questions per
# student (the GRADER_LEARNER_ID environment variable wins over it).
_C.QUIZ.LEARNER_ID = ""

_C.EXERCISES = CN()
# Teachers' own exercises: folders of exercise folders, relative to the yaml file that names
# them, loaded beside the built-in ones (`grader new` makes one).
_C.EXERCISES.PACKS = []

_C.PROGRESS = CN()
_C.PROGRESS.LOG = "progress.jsonl"  # relative to the workspace

WORKSPACE_FILE = "grader.yaml"


class ConfigError(Exception):
    """A setting the user gave is wrong; the message says where and how."""


def get_cfg_defaults() -> CN:
    """A fresh copy of the defaults: changing it never changes another caller's."""
    return _C.clone()


def load_config(yaml_path: Path | None = None, opts: list[str] | None = None) -> CN:
    cfg = get_cfg_defaults()
    if yaml_path is not None and yaml_path.exists():
        merge_yaml_file(cfg, yaml_path)
    if opts:
        if len(opts) % 2:
            raise ConfigError("--set takes a KEY and a VALUE")
        settings = []  # KEY, VALUE, ... for yacs
        for key, value in zip(opts[0::2], opts[1::2], strict=True):
            section = _open_section(cfg, key)
            if section is not None:
                section[key.rsplit(".", 1)[1]] = value  # a name of the user's: UI.KEYMAP.check
            elif _has_key(cfg, key):
                settings += [key, _as_float_text(cfg, key, value)]
            else:
                raise ConfigError(f"--set: unknown setting {key}; known sections: "
                                  f"{', '.join(_C.keys())}")
        try:
            cfg.merge_from_list(settings)
        except (AssertionError, KeyError, ValueError) as exc:
            raise ConfigError(f"--set: {exc}") from None
    _validate(cfg)
    if yaml_path is not None:
        from grader.exercise import use_packs

        use_packs([yaml_path.parent / folder for folder in cfg.EXERCISES.PACKS])
    cfg.freeze()
    return cfg


def merge_yaml_file(cfg: CN, path: Path) -> None:
    """Merge a YAML file into ``cfg`` (grader.yaml, assignment.yaml); a bad key or value is a
    ``ConfigError`` naming the file and the key. Whole numbers fill float settings."""
    try:
        with open(path, encoding="utf-8") as handle:
            loaded = cfg.load_cfg(handle)
        _whole_numbers_as_floats(loaded, cfg)
        cfg.merge_from_other_cfg(loaded)
    except KeyError as exc:
        raise ConfigError(f"{path}: unknown setting {exc.args[0]}; "
                          f"known sections: {', '.join(cfg.keys())}") from None
    except ValueError as exc:
        raise ConfigError(f"{path}: {_first_line(exc)}") from None
    except Exception as exc:  # yaml syntax errors and the like
        raise ConfigError(f"{path}: cannot read it ({_first_line(exc)})") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


def _whole_numbers_as_floats(loaded: CN, defaults: CN) -> None:
    """``SERVER_IDLE_MINUTES: 30`` in YAML is an int; a setting whose default is a float
    takes it as 30.0 instead of failing yacs' type check."""
    for key, value in loaded.items():
        default = defaults.get(key)
        if isinstance(value, CN) and isinstance(default, CN):
            _whole_numbers_as_floats(value, default)
        elif isinstance(default, float) and type(value) is int:
            loaded[key] = float(value)


def _as_float_text(cfg: CN, dotted: str, value: str) -> str:
    """``--set CHECK.CALL_TIMEOUT 30``: the same, for a value typed on the command line."""
    node = cfg
    for part in dotted.split("."):
        node = node[part]
    return f"{value}.0" if isinstance(node, float) and str(value).lstrip("-").isdigit() \
        else value


def _open_section(cfg: CN, dotted: str) -> CN | None:
    """The section ``dotted`` names an entry of, when that section takes names of the
    user's own (``UI.KEYMAP``), else None."""
    node = cfg
    parent, _, _ = dotted.rpartition(".")
    for part in parent.split(".") if parent else ():
        if not isinstance(node, CN) or part not in node:
            return None
        node = node[part]
    return node if isinstance(node, CN) and node.is_new_allowed() else None


def _has_key(cfg: CN, dotted: str) -> bool:
    node = cfg
    for part in dotted.split("."):
        if not isinstance(node, CN) or part not in node:
            return False
        node = node[part]
    return not isinstance(node, CN)


def _validate(cfg: CN) -> None:
    if cfg.UI.LANG not in ("en", "zh"):
        raise ConfigError(f"UI.LANG must be 'en' or 'zh', not {cfg.UI.LANG!r}")
    for binding_id, keys in cfg.UI.KEYMAP.items():
        if not isinstance(keys, str) or not keys.strip():
            raise ConfigError(f"UI.KEYMAP.{binding_id} must be a key such as f9 or ctrl+k, "
                              "or several: \"f9,ctrl+k\"")
    for key in ("MAX_EXAMPLES",):
        if cfg.CHECK[key] < 1:
            raise ConfigError(f"CHECK.{key} must be at least 1")
    packs = cfg.EXERCISES.PACKS
    if not isinstance(packs, list) or not all(isinstance(p, str) and p for p in packs):
        raise ConfigError("EXERCISES.PACKS must be a list of folder paths, e.g. ['my-pack']")
    for key in ("CALL_TIMEOUT", "IMPORT_TIMEOUT", "RUN_TIMEOUT", "SERVER_IDLE_MINUTES"):
        if cfg.CHECK[key] <= 0:
            unit = "minutes" if key.endswith("MINUTES") else "seconds"
            raise ConfigError(f"CHECK.{key} must be a positive number of {unit}")


def default_yaml() -> str:
    """The grader.yaml a new workspace gets: the settings a learner may want to change."""
    return (
        "# grader settings for this workspace; see `grader --help`.\n"
        "UI:\n"
        f"  LANG: {_C.UI.LANG}   # en or zh: the language of prompts and hints\n"
        "CHECK:\n"
        f"  MAX_EXAMPLES: {_C.CHECK.MAX_EXAMPLES}   # examples tried per property\n"
        f"  CALL_TIMEOUT: {_C.CHECK.CALL_TIMEOUT}   # seconds one call may take\n"
        "PROGRESS:\n"
        f"  LOG: {_C.PROGRESS.LOG}   # your progress, one JSON record per line\n"
    )
