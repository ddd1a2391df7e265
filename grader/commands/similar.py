"""`grader similar NAME SUBMISSIONS... [--threshold 0.5] [--out DIR]`: pairs of students whose
files for the same exercise are alike, with the starter code discounted.

Writes ``similarity.csv`` (the pairs at or above the threshold) and copydetect's side-by-side
``similarity.html`` to ``NAME/similarity/`` (or ``--out``), and prints the top pairs. A high
score is a reason to look, not a verdict: short exercises have few ways to be written.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.commands import EXIT_OK, UsageError

TOP_PAIRS = 15


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.classroom.assignment import load_assignment
    from grader.classroom.submissions import SubmissionsError, collect

    if not 0 < args.threshold <= 1:
        raise UsageError(f"--threshold {args.threshold}: give a share from 0 to 1, e.g. 0.5")
    try:
        import copydetect  # noqa: F401
    except ImportError:
        raise UsageError("grader similar needs copydetect: pip install 'grader[similarity]'"
                         ) from None
    assignment = load_assignment(args.name, opts)
    try:
        found = collect(list(args.submissions), assignment.exercises, assignment.name)
    except SubmissionsError as exc:
        raise UsageError(str(exc)) from None
    files: dict[str, dict[str, bytes]] = {}
    for student_file in found.files:
        files.setdefault(student_file.student_id, {})[student_file.exercise_id] = \
            student_file.source

    from rich.console import Console
    from rich.table import Table

    from grader.classroom.similarity import find_similar, write_csv
    from grader.exercise import get_exercise

    console = Console(highlight=False)
    with console.status("comparing files (copydetect)…"):
        report = find_similar(files, [get_exercise(e) for e in assignment.exercises],
                              threshold=args.threshold)
    out = args.out or assignment.folder / "similarity"
    out.mkdir(parents=True, exist_ok=True)
    write_csv(report.pairs, out / "similarity.csv")
    html = out / "similarity.html"
    if report.html:
        html.write_text(report.html, encoding="utf-8")
    elif html.exists():
        html.unlink()  # a report from an earlier run would describe other files
    table = Table(title=f"{len(report.pairs)} pair(s) at or above {args.threshold:.0%} similar")
    for column in ("exercise", "student A", "student B", "A in B", "B in A", "tokens"):
        table.add_column(column)
    for pair in report.pairs[:TOP_PAIRS]:
        table.add_row(pair.exercise_id, pair.student_a, pair.student_b,
                      f"{pair.percent_a:.0%}", f"{pair.percent_b:.0%}", str(pair.overlap_tokens))
    console.print(table)
    console.print(f"wrote {out / 'similarity.csv'}" +
                  (f" and {html}" if report.html else "") +
                  "; starter code does not count. A high score is a reason to look, not proof.")
    return EXIT_OK


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", type=Path, metavar="NAME", help="the assignment folder")
    parser.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSIONS",
                        help="folders or zips of students' submissions")
    parser.add_argument("--threshold", type=float, default=0.5,
                        help="report pairs at least this similar (0-1, default 0.5)")
    parser.add_argument("--out", type=Path, help="where to write (default NAME/similarity)")
