"""`grader export NAME --format csv|gradescope|github|prairielearn|feedback [--out DIR]`:
grades and feedback from the assignment's gradebook (the latest record per student and
exercise), written under ``NAME/exports/<format>/`` unless ``--out`` says where."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grader.commands import EXIT_OK, UsageError
from grader.commands.class_report import load_class


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("assignment", type=Path, metavar="NAME", help="the assignment folder")
    parser.add_argument("--format", required=True, metavar="FORMAT",
                        help="csv, gradescope, github, prairielearn or feedback")
    parser.add_argument("--out", type=Path, metavar="DIR",
                        help="where to write (default: NAME/exports/FORMAT/)")
    parser.add_argument("--roster", type=Path, metavar="CSV",
                        help="who is expected (default: NAME/roster.csv when there is one)")


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.classroom.exports import FORMATS, ExportError, export

    if args.format not in FORMATS:
        raise UsageError(f"unknown export format {args.format!r}; "
                         f"choose one of {', '.join(FORMATS)}")
    assignment, standings = load_class(args, opts)
    out = args.out if args.out is not None else assignment.folder / "exports" / args.format
    try:
        written = export(standings, args.format, out)
    except ExportError as exc:
        raise UsageError(str(exc)) from None
    size = sum(path.stat().st_size for path in written)
    print(f"wrote {len(written)} file(s), {size:,} bytes, for {len(standings.students)} "
          f"student(s) to {out}", file=sys.stdout)
    return EXIT_OK
