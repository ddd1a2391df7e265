"""`grader report NAME`: the class report (``NAME/report.md``, ``NAME/report.html``) and its
rich version in the terminal. ``load_class`` is shared with `grader export`: both refuse an
unknown folder or a missing gradebook with one line."""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.commands import EXIT_OK, UsageError

ROSTER_FILE = "roster.csv"


def load_class(args: argparse.Namespace, opts: list[str]):
    """The assignment and its standings, from ``args.assignment`` and ``args.roster`` (default:
    ``NAME/roster.csv`` when there is one)."""
    from grader.classroom.assignment import ASSIGNMENT_FILE, load_assignment
    from grader.classroom.exports.standings import load_standings
    from grader.classroom.gradebook import GradebookError
    from grader.classroom.roster import RosterError
    from grader.commands.assignment import assignment_opts

    folder: Path = args.assignment
    if not (folder / ASSIGNMENT_FILE).is_file():
        raise UsageError(f"{folder} is not an assignment folder (no {ASSIGNMENT_FILE}); "
                         f"create one with `grader assignment new {folder.name} --exercises "
                         "03,04,20`")
    assignment = load_assignment(folder, assignment_opts(opts))  # --lang: the feedback's
    if not assignment.gradebook_path.is_file():
        raise UsageError(f"no gradebook yet in {folder}: run `grader grade {folder} "
                         "SUBMISSIONS...` first")
    roster = args.roster
    if roster is None and (folder / ROSTER_FILE).is_file():
        roster = folder / ROSTER_FILE
    try:
        standings = load_standings(assignment, roster)
    except (GradebookError, RosterError) as exc:
        raise UsageError(str(exc)) from None
    return assignment, standings


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignment", type=Path, metavar="NAME", help="the assignment folder")
    parser.add_argument("--roster", type=Path, metavar="CSV",
                        help="who is expected (default: NAME/roster.csv when there is one)")


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from rich.console import Console

    from grader.classroom.class_report import build_report, render_terminal, write_report

    assignment, standings = load_class(args, opts)
    report = build_report(standings)
    try:
        written = write_report(report, assignment.folder)
    except OSError as exc:
        raise UsageError(f"cannot write the report in {assignment.folder}: "
                         f"{exc.strerror}") from None
    console = Console(highlight=False)
    console.print(render_terminal(report))
    console.print(f"wrote {', '.join(str(p) for p in written)}")
    return EXIT_OK
