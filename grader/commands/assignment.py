"""`grader assignment new|handout|example-class`: create an assignment, build what students
get, and write a synthetic class to try grading on."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grader.commands import EXIT_OK, UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="assignment_action", required=True, metavar="ACTION")
    new = actions.add_parser("new", help="write NAME/assignment.yaml",
                             description="Create NAME/assignment.yaml (commented; edit it).")
    new.add_argument("name", metavar="NAME", type=Path)
    new.add_argument("--exercises", required=True, metavar="IDS",
                     help="comma-separated exercise ids, e.g. 03,04,20")
    new.add_argument("--points", type=float, default=10.0,
                     help="points per exercise (default 10; edit the file to vary them)")
    new.add_argument("--due", metavar="ISO",
                     help="due date-time with a UTC offset, e.g. 2026-12-01T23:59:00+00:00")
    handout = actions.add_parser("handout", help="build NAME/handout/ for students",
                                 description="Starter files, prompts, grader.yaml, README.")
    handout.add_argument("name", metavar="NAME", type=Path)
    handout.add_argument("--zip", action="store_true", help="also write NAME/handout.zip")
    example = actions.add_parser(
        "example-class", help="write a synthetic class of submissions for NAME",
        description="Submissions built from the exercises' references and known-wrong "
        "variants (about half wrong), roster.csv and timestamps.csv: try grading on it.")
    example.add_argument("name", metavar="NAME", type=Path)
    example.add_argument("directory", metavar="DIR", type=Path)
    example.add_argument("--students", type=int, default=30, help="how many (default 30)")
    example.add_argument("--seed", type=int, default=0, help="same seed, same class")


def run(args: argparse.Namespace, opts: list[str]) -> int:
    action = {"new": _new, "handout": _handout, "example-class": _example_class}
    return action[args.assignment_action](args, opts)


def _new(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.classroom.assignment import ASSIGNMENT_FILE, assignment_yaml, parse_due
    from grader.config import ConfigError
    from grader.exercise import get_exercise

    folder: Path = args.name
    target = folder / ASSIGNMENT_FILE
    if target.exists():
        raise UsageError(f"{target} already exists; edit it, or choose another NAME")
    ids = [part.strip() for part in args.exercises.split(",") if part.strip()]
    if not ids:
        raise UsageError("--exercises needs at least one id, e.g. --exercises 03,04,20")
    exercises = list(dict.fromkeys(get_exercise(i).id for i in ids))
    if args.points < 0:
        raise UsageError("--points must be 0 or more")
    try:
        due = parse_due(args.due, "--due") if args.due else None
    except ConfigError as exc:
        raise UsageError(str(exc)) from None
    name = folder.resolve().name
    folder.mkdir(parents=True, exist_ok=True)
    target.write_text(assignment_yaml(name, exercises, [args.points] * len(exercises), due),
                      encoding="utf-8")
    print(f"wrote {target}: {len(exercises)} exercises, {args.points:g} points each"
          f"{', due ' + due.isoformat() if due else ''}. Edit it, then "
          f"`grader assignment handout {folder}`.")
    return EXIT_OK


def _handout(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.classroom.assignment import load_assignment
    from grader.classroom.handout import build_handout

    assignment = load_assignment(args.name, assignment_opts(opts))
    written = build_handout(assignment, make_zip=args.zip)
    print(f"wrote {written} ({len(assignment.exercises)} starter files, prompts in "
          f"{assignment.lang}, grader.yaml, README.md)")
    return EXIT_OK


def _example_class(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.classroom.assignment import load_assignment
    from grader.classroom.synthetic import write_example_class

    assignment = load_assignment(args.name, assignment_opts(opts))
    if args.students < 2:
        raise UsageError("--students must be at least 2")
    if args.directory.exists() and any(args.directory.iterdir()):
        raise UsageError(f"{args.directory} is not empty; give a new folder")
    made = write_example_class(args.directory, assignment.exercises, students=args.students,
                               seed=args.seed, due=assignment.due)
    print(f"wrote {len(made.files)} files for {args.students} students under "
          f"{made.submissions}, with {made.roster} and {made.timestamps}", file=sys.stdout)
    print(f"grade them: grader grade {args.name} {made.submissions} --roster {made.roster} "
          f"--timestamps {made.timestamps}")
    return EXIT_OK


def assignment_opts(opts: list[str]) -> list[str]:
    """--set pairs apply to the assignment; --lang sets its feedback language."""
    pairs = list(zip(opts[0::2], opts[1::2], strict=True))
    return [item for key, value in pairs
            for item in (("ASSIGNMENT.LANG", value) if key == "UI.LANG" else (key, value))]

