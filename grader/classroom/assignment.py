"""An assignment: ``NAME/assignment.yaml`` read with yacs like ``grader.yaml``: which
exercises, points, how points split over checks, the due date and late policy, the feedback
language and the grading limits (CHECK.*, SANDBOX.*). Defaults live in one function; the file
is merged on top, then ``--set`` pairs; every bad key is one line naming the file and the key.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from yacs.config import CfgNode as CN

from grader.config import ConfigError, get_cfg_defaults, load_config, merge_yaml_file

ASSIGNMENT_FILE = "assignment.yaml"
GRADEBOOK_FILE = "gradebook.jsonl"
SPLITS = ("equal", "all_or_nothing", "weights")
LANGS = ("en", "zh")
# The grader.yaml sections an assignment sets for its grading (EXERCISES: teachers' packs).
GRADING_SECTIONS = ("CHECK", "SANDBOX", "EXERCISES")


@dataclass(frozen=True)
class Assignment:
    name: str
    folder: Path  # NAME/ (holds assignment.yaml, gradebook.jsonl)
    exercises: tuple[str, ...]  # ids, e.g. ("03", "04", "20")
    points: dict[str, float]  # exercise id -> points
    split: str  # "equal" | "all_or_nothing" | "weights"
    due: datetime | None  # timezone-aware
    penalty_per_day: float  # fraction (0..1) of earned points lost per day late
    cutoff_days: int | None  # more days late than this: 0 points
    lang: str  # "en" | "zh": language of the feedback
    cfg: CN  # frozen grader config for grading (CHECK.*, SANDBOX.* from the file)
    cluster: str = ""  # GRADE.CLUSTER: a Dask scheduler's address; "" grades on this machine

    @property
    def max_points(self) -> float:
        return float(sum(self.points.values()))

    @property
    def gradebook_path(self) -> Path:
        return self.folder / GRADEBOOK_FILE


def get_assignment_defaults() -> CN:
    """A fresh copy of an assignment's defaults: the grading sections are the grader's own."""
    grader_defaults = get_cfg_defaults()
    cfg = CN()
    cfg.ASSIGNMENT = CN()
    cfg.ASSIGNMENT.NAME = ""  # defaults to the folder's name
    cfg.ASSIGNMENT.EXERCISES = []  # exercise ids, e.g. ["03", "04", "20"]
    cfg.ASSIGNMENT.POINTS = []  # points per exercise, in the same order
    cfg.ASSIGNMENT.SPLIT = "equal"  # equal | all_or_nothing | weights
    cfg.ASSIGNMENT.LANG = "en"  # feedback language: en | zh
    cfg.LATE = CN()
    cfg.LATE.DUE = ""  # ISO 8601 with a UTC offset; "" = no due date
    cfg.LATE.PENALTY_PER_DAY = 0.0  # fraction of the earned points lost per day (or part) late
    cfg.LATE.CUTOFF_DAYS = -1  # more days late than this: 0 points; -1 = no cutoff
    cfg.GRADE = CN()
    cfg.GRADE.CLUSTER = ""  # a Dask scheduler, e.g. tcp://10.0.0.5:8786; "" = this machine
    for section in GRADING_SECTIONS:
        if section in grader_defaults:
            cfg[section] = grader_defaults[section].clone()
    return cfg


def load_assignment(folder: Path, opts: list[str] | None = None) -> Assignment:
    """Read ``folder/assignment.yaml`` (``opts``: KEY VALUE pairs merged last).
    Raises ``ConfigError`` naming the file and the key."""
    from grader.exercise import ExerciseError, get_exercise

    path = folder / ASSIGNMENT_FILE
    if not path.is_file():
        raise ConfigError(f"{path}: no such file; create it with "
                          f"`grader assignment new {folder.name} --exercises 03,04,20`")
    cfg = get_assignment_defaults()
    merge_yaml_file(cfg, path)
    if opts:
        if len(opts) % 2:
            raise ConfigError("--set takes a KEY and a VALUE")
        try:
            cfg.merge_from_list(list(opts))
        except (AssertionError, KeyError, ValueError) as exc:
            raise ConfigError(f"--set: {_first_line(exc)}") from None
    where = str(path)
    packs = cfg.EXERCISES.PACKS if "EXERCISES" in cfg else []
    if packs:
        from grader.exercise import use_packs

        if not isinstance(packs, list) or not all(isinstance(p, str) and p for p in packs):
            raise ConfigError(f"{where}: EXERCISES.PACKS must be a list of folder paths")
        use_packs([folder / pack for pack in packs])
    exercises = []
    for raw in cfg.ASSIGNMENT.EXERCISES:
        try:
            exercise_id = get_exercise(f"{int(raw):02d}" if isinstance(raw, int) else str(raw)).id
        except ExerciseError as exc:
            raise ConfigError(f"{where}: ASSIGNMENT.EXERCISES: {exc}") from None
        if exercise_id in exercises:
            raise ConfigError(f"{where}: ASSIGNMENT.EXERCISES lists {exercise_id} twice")
        exercises.append(exercise_id)
    if not exercises:
        raise ConfigError(f"{where}: ASSIGNMENT.EXERCISES is empty; list exercise ids, "
                          "e.g. ['03', '04', '20']")
    points_list = list(cfg.ASSIGNMENT.POINTS)
    if len(points_list) != len(exercises):
        raise ConfigError(f"{where}: ASSIGNMENT.POINTS has {len(points_list)} values for "
                          f"{len(exercises)} exercises; give one per exercise, same order")
    points = {}
    for exercise_id, value in zip(exercises, points_list, strict=True):
        if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
            raise ConfigError(f"{where}: ASSIGNMENT.POINTS: {value!r} for exercise "
                              f"{exercise_id} is not a number >= 0")
        points[exercise_id] = float(value)
    if cfg.ASSIGNMENT.SPLIT not in SPLITS:
        raise ConfigError(f"{where}: ASSIGNMENT.SPLIT must be one of {', '.join(SPLITS)}, "
                          f"not {cfg.ASSIGNMENT.SPLIT!r}")
    if cfg.ASSIGNMENT.LANG not in LANGS:
        raise ConfigError(f"{where}: ASSIGNMENT.LANG must be en or zh, "
                          f"not {cfg.ASSIGNMENT.LANG!r}")
    due = parse_due(cfg.LATE.DUE, f"{where}: LATE.DUE") if cfg.LATE.DUE else None
    penalty = cfg.LATE.PENALTY_PER_DAY
    if isinstance(penalty, bool) or not isinstance(penalty, int | float) or not 0 <= penalty <= 1:
        raise ConfigError(f"{where}: LATE.PENALTY_PER_DAY must be a fraction from 0 to 1 "
                          f"(0.1 = 10% per day), not {penalty!r}")
    cutoff = cfg.LATE.CUTOFF_DAYS
    if not isinstance(cutoff, int) or cutoff < -1:
        raise ConfigError(f"{where}: LATE.CUTOFF_DAYS must be a whole number of days "
                          f"(-1 = no cutoff), not {cutoff!r}")
    grading_opts = [f"{section}.{key}" for section in GRADING_SECTIONS if section in cfg
                    for key in cfg[section]]
    pairs = []
    for dotted in grading_opts:
        section, key = dotted.split(".")
        pairs += [dotted, repr(cfg[section][key])]
    pairs += ["UI.LANG", cfg.ASSIGNMENT.LANG]
    try:
        grading_cfg = load_config(None, pairs)
    except ConfigError as exc:
        raise ConfigError(f"{where}: {str(exc).removeprefix('--set: ')}") from None
    return Assignment(
        name=cfg.ASSIGNMENT.NAME or folder.resolve().name, folder=folder,
        exercises=tuple(exercises), points=points, split=cfg.ASSIGNMENT.SPLIT, due=due,
        penalty_per_day=float(penalty), cutoff_days=None if cutoff == -1 else cutoff,
        lang=cfg.ASSIGNMENT.LANG, cfg=grading_cfg, cluster=str(cfg.GRADE.CLUSTER or ""))


def parse_due(text: str, where: str) -> datetime:
    """An ISO 8601 date-time with a UTC offset (a due date without one is ambiguous)."""
    try:
        due = datetime.fromisoformat(str(text).replace("Z", "+00:00"))
    except ValueError:
        raise ConfigError(f"{where}: {text!r} is not an ISO 8601 date-time, e.g. "
                          "2026-12-01T23:59:00+00:00") from None
    if due.tzinfo is None:
        raise ConfigError(f"{where}: {text!r} has no UTC offset; add one, e.g. "
                          f"{due.isoformat()}+00:00")
    return due


def assignment_yaml(name: str, exercises: list[str], points: list[float],
                    due: datetime | None) -> str:
    """The commented ``assignment.yaml`` that ``grader assignment new`` writes."""
    defaults = get_assignment_defaults()
    ids = ", ".join(f"'{e}'" for e in exercises)
    shown_points = ", ".join(format(p, "g") for p in points)
    check, sandbox = defaults.CHECK, defaults.SANDBOX
    return (
        f"# Assignment {name}: read by `grader grade {name} SUBMISSIONS...` and\n"
        f"# `grader assignment handout {name}`. Change it, then re-grade with --regrade.\n"
        "ASSIGNMENT:\n"
        f"  NAME: {name}\n"
        f"  EXERCISES: [{ids}]   # exercise ids (see `grader list`)\n"
        f"  POINTS: [{shown_points}]   # points per exercise, same order\n"
        "  # How an exercise's points split over its checks: equal (each check the same),\n"
        "  # all_or_nothing (every check must pass), weights (each check's weight from\n"
        "  # the exercise's metadata, exercise.toml [checks.\"NAME\"] weight).\n"
        "  SPLIT: equal\n"
        "  LANG: en   # language of the feedback: en or zh\n"
        "LATE:\n"
        f"  DUE: '{due.isoformat() if due else ''}'   # ISO 8601 with a UTC offset; '' = none\n"
        "  PENALTY_PER_DAY: 0.0   # fraction of earned points lost per day (or part) late\n"
        "  CUTOFF_DAYS: -1   # more days late than this scores 0; -1 = no cutoff\n"
        "CHECK:   # the same settings as grader.yaml; the handout copies them for students\n"
        f"  MAX_EXAMPLES: {check.MAX_EXAMPLES}   # hypothesis examples per check\n"
        f"  CALL_TIMEOUT: {check.CALL_TIMEOUT}   # seconds one call may take\n"
        f"  IMPORT_TIMEOUT: {check.IMPORT_TIMEOUT}   # seconds to import a submission\n"
        f"  RUN_TIMEOUT: {check.RUN_TIMEOUT}   # seconds for one whole file\n"
        "SANDBOX:   # limits for each student's code\n"
        f"  CPU_SECONDS: {sandbox.CPU_SECONDS}\n"
        f"  MEMORY_MB: {sandbox.MEMORY_MB}\n"
        f"  FILE_SIZE_MB: {sandbox.FILE_SIZE_MB}\n"
        f"  PROCESSES: {sandbox.PROCESSES}\n"
        "GRADE:\n"
        "  CLUSTER: ''   # a Dask scheduler (tcp://HOST:8786) to grade on; '' = this machine\n"
    )


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
