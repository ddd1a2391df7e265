"""Exercises as data: one folder each, read from ``exercise.toml`` and the files beside it.

Adding an exercise adds a folder; nothing here changes. The checks module (and the reference
it imports) is loaded only when a grading run asks for it, in the supervisor.
"""

from __future__ import annotations

import importlib.util
import sys
import tomllib
import types
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from grader.content import exercises_root
from grader.heap import frozen_imports
from grader.judge.check import CheckSpec, collect_checks

LANGS = ("en", "zh")
PACKAGE = "grader_exercises"


class ExerciseError(Exception):
    """An exercise folder is malformed (an author's mistake), or an id is unknown."""


@dataclass(frozen=True)
class PublicName:
    name: str
    kind: str  # function | class
    signature: str
    required: int
    optional: tuple[str, ...] = ()

    def to_wire(self) -> dict:
        return {"name": self.name, "kind": self.kind, "shown": self.signature,
                "required": self.required, "optional": list(self.optional)}


@dataclass(frozen=True)
class WrongVariant:
    file: Path
    fails: str  # the name of the check that must catch it
    why: str


VISIBILITIES = ("visible", "hidden", "after_due_date")


@dataclass(frozen=True)
class CheckMeta:
    """How a check counts in a classroom assignment: its weight among the exercise's checks
    and who may see its details (``hidden``: pass/fail only; ``after_due_date``: details once
    the assignment is due)."""

    weight: float = 1.0
    visibility: str = "visible"


@dataclass(frozen=True)
class Exercise:
    id: str
    slug: str
    topic: str
    folder: Path
    title: dict[str, str]
    needs_torch: bool
    seed: int
    api: tuple[PublicName, ...]
    hints: dict[str, tuple[str, ...]]
    wrong: tuple[WrongVariant, ...] = field(default=())
    # mutant id -> why it cannot be told apart from the reference
    equivalent_mutants: dict[str, str] = field(default_factory=dict)
    # check name -> its metadata from exercise.toml's [checks."NAME"] tables
    check_meta: dict[str, CheckMeta] = field(default_factory=dict)

    @property
    def module_name(self) -> str:
        return f"exercise_{self.id}"

    @property
    def file_name(self) -> str:
        return f"{self.module_name}.py"

    @property
    def starter(self) -> Path:
        return self.folder / "starter.py"

    @property
    def reference(self) -> Path:
        return self.folder / "reference.py"

    @property
    def solutions(self) -> tuple[Path, ...]:
        """Alternative correct solutions (``solutions/*.py``), written independently of the
        reference: the checks must accept every one of them."""
        folder = self.folder / "solutions"
        return tuple(sorted(folder.glob("*.py"))) if folder.is_dir() else ()

    def meta_of(self, check_name: str) -> CheckMeta:
        return self.check_meta.get(check_name, CheckMeta())

    def prompt(self, lang: str = "en") -> str:
        return (self.folder / f"prompt.{lang}.md").read_text(encoding="utf-8")

    def probes_source(self) -> str | None:
        path = self.folder / "probes.py"
        return path.read_text(encoding="utf-8") if path.exists() else None

    def checks(self) -> list[CheckSpec]:
        return collect_checks(_load_checks_module(self.id, str(self.folder)).__dict__)


def _parse(folder: Path) -> Exercise:
    meta_path = folder / "exercise.toml"
    try:
        meta = tomllib.loads(meta_path.read_text(encoding="utf-8"))
        api = tuple(
            PublicName(a["name"], a.get("kind", "function"), a["signature"],
                       int(a.get("required", 0)), tuple(a.get("optional", ())))
            for a in meta["api"])
        hints = {lang: tuple(meta["hints"][lang]) for lang in LANGS}
        wrong = tuple(WrongVariant(folder / w["file"], w["fails"], w.get("why", ""))
                      for w in meta.get("wrong", []))
        exercise = Exercise(
            id=str(meta["id"]), slug=meta["slug"], topic=meta["topic"], folder=folder,
            title={lang: meta["title"][lang] for lang in LANGS},
            needs_torch=bool(meta.get("needs_torch", False)), seed=int(meta["seed"]),
            api=api, hints=hints, wrong=wrong,
            equivalent_mutants={e["id"]: e["why"] for e in meta.get("equivalent", [])},
            check_meta=_check_meta(meta.get("checks", {}), meta_path))
    except tomllib.TOMLDecodeError as exc:
        raise ExerciseError(f"{meta_path}: not valid TOML: {exc}") from None
    except KeyError as exc:
        raise ExerciseError(f"{meta_path}: missing key {exc}") from None
    except (OSError, TypeError, ValueError) as exc:
        raise ExerciseError(f"{meta_path}: {exc}") from None
    return exercise


def _check_meta(tables: dict, meta_path: Path) -> dict[str, CheckMeta]:
    found = {}
    for name, table in tables.items():
        weight = float(table.get("weight", 1.0))
        visibility = str(table.get("visibility", "visible"))
        if weight < 0 or visibility not in VISIBILITIES:
            raise ExerciseError(f"{meta_path}: [checks.{name!r}]: weight must be >= 0 and "
                                f"visibility one of {', '.join(VISIBILITIES)}")
        found[name] = CheckMeta(weight, visibility)
    return found


def sandbox_preload(exercises) -> tuple[str, ...]:
    """What the zygote should import once for these exercises (torch costs ~2 s: only if needed)."""
    return ("torch",) if any(e.needs_torch for e in exercises) else ()


_packs: tuple[Path, ...] = ()  # teachers' exercise folders, loaded beside the built-in ones
_pack_problems: list[str] = []


def use_packs(folders: list[Path]) -> None:
    """Load these packs (folders of exercise folders, ``EXERCISES.PACKS``) from now on, beside
    the built-in exercises. Called whenever a grader.yaml or assignment.yaml is loaded."""
    global _packs
    wanted = tuple(Path(f).resolve() for f in folders)
    if wanted != _packs:
        _packs = wanted
        all_exercises.cache_clear()


def pack_problems() -> list[str]:
    """One line per pack exercise that could not be loaded (the others load regardless)."""
    all_exercises()
    return list(_pack_problems)


@cache
def all_exercises() -> dict[str, Exercise]:
    found: dict[str, Exercise] = {}
    for folder in _exercise_folders(exercises_root()):
        exercise = _parse(folder)
        found[exercise.id] = exercise
    _pack_problems.clear()
    for pack in _packs:
        if not pack.is_dir():
            _pack_problems.append(f"EXERCISES.PACKS: {pack} is not a folder")
            continue
        for folder in _exercise_folders(pack):
            try:
                exercise = _parse(folder)
            except ExerciseError as exc:
                _pack_problems.append(str(exc))
                continue
            if exercise.id in found:
                raise ExerciseError(
                    f"exercise id {exercise.id} is used twice: by {found[exercise.id].folder} "
                    f"and by {folder}; give the pack's exercise another number in its "
                    "exercise.toml (id) and folder name")
            found[exercise.id] = exercise
    return dict(sorted(found.items()))


def exercises_version(exercises: list[Exercise] | None = None) -> str:
    """A short digest of the exercises' files (checks, references, metadata, probes): two
    machines or two runs with the same digest judge the same way. Read afresh on each call."""
    import hashlib

    digest = hashlib.sha256()
    for exercise in exercises if exercises is not None else all_exercises().values():
        for path in sorted(exercise.folder.rglob("*")):
            if path.is_file() and "__pycache__" not in path.parts:
                digest.update(f"{exercise.id}/{path.relative_to(exercise.folder)}\0".encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def _exercise_folders(root: Path) -> list[Path]:
    return sorted(p for p in root.iterdir() if (p / "exercise.toml").is_file())


def get_exercise(exercise_id: str) -> Exercise:
    key = exercise_id.removeprefix("exercise_").removesuffix(".py")
    if key.isdigit():
        key = f"{int(key):02d}"
    exercises = all_exercises()
    if key not in exercises:
        known = ", ".join(exercises)
        raise ExerciseError(f"there is no exercise {exercise_id!r}; known: {known}")
    return exercises[key]


@cache
def _load_checks_module(exercise_id: str, folder: str) -> types.ModuleType:
    # Each exercise folder becomes a package so checks.py can say `from . import reference`.
    if PACKAGE not in sys.modules:
        root = types.ModuleType(PACKAGE)
        root.__path__ = []
        sys.modules[PACKAGE] = root
    package_name = f"{PACKAGE}.ex_{exercise_id}"
    package = types.ModuleType(package_name)
    package.__path__ = [folder]
    package.__package__ = package_name
    sys.modules[package_name] = package
    spec = importlib.util.spec_from_file_location(f"{package_name}.checks",
                                                  Path(folder) / "checks.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    try:
        with frozen_imports():  # checks import torch
            spec.loader.exec_module(module)
    except Exception as exc:  # an author's checks.py that does not import
        del sys.modules[spec.name]
        raise ExerciseError(_import_problem(Path(folder) / "checks.py", exc)) from None
    return module


def _import_problem(path: Path, exc: Exception) -> str:
    """``checks.py, line N: what went wrong``, pointing into the author's files."""
    import traceback

    line = getattr(exc, "lineno", None) if isinstance(exc, SyntaxError) else None
    where = str(path)
    if line is None:
        folder = str(path.parent)
        for frame in reversed(traceback.extract_tb(exc.__traceback__)):
            if frame.filename.startswith(folder):
                where, line = frame.filename, frame.lineno
                break
    at = f", line {line}" if line else ""
    return f"{where}{at}: {type(exc).__name__}: {exc}; fix it, then run `grader validate`"
