"""`grader gradescope build NAME [-o autograder.zip]`: the assignment as a Gradescope
autograder (setup.sh, run_autograder, this grader and the assignment file)."""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.commands import EXIT_OK


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("build",))
    parser.add_argument("name", type=Path, metavar="NAME", help="the assignment folder")
    parser.add_argument("-o", "--output", type=Path,
                        help="the zip to write (default NAME/autograder.zip)")


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.classroom.assignment import load_assignment
    from grader.classroom.gradescope_autograder import build_zip

    assignment = load_assignment(args.name, opts)
    out = build_zip(assignment, args.output or assignment.folder / "autograder.zip")
    size = out.stat().st_size
    print(f"wrote {out} ({size / 1024:.0f} KiB). On Gradescope: a Programming Assignment, "
          "Configure Autograder, Zip file upload, base image Ubuntu; it installs Python 3.11, "
          "CPU torch 2.13.0 and this grader.")
    return EXIT_OK
