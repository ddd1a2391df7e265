"""`grader classroom workflow NAME [--install SPEC]`: GitHub Classroom autograding for an
assignment: the workflow in its template repository (the handout), and a copy of this grader
to push to a private repository the workflow installs from."""

from __future__ import annotations

import argparse
from pathlib import Path

from grader.commands import EXIT_OK


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("action", choices=("workflow",))
    parser.add_argument("name", type=Path, metavar="NAME", help="the assignment folder")
    parser.add_argument("--install", metavar="SPEC",
                        help="what the workflow pip-installs for the grader (default: the "
                             "private repository ORG/grader-autograder, read with the "
                             "organisation secret GRADER_TOKEN)")


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.classroom.assignment import load_assignment
    from grader.classroom.bundle import copy_grader
    from grader.classroom.github_workflow import DEFAULT_INSTALL, write_workflow
    from grader.classroom.handout import build_handout

    assignment = load_assignment(args.name, opts)
    template = build_handout(assignment)
    written = write_workflow(assignment, template, args.install or DEFAULT_INSTALL)
    for path in written:
        print(f"wrote {path}")
    if args.install is None:
        private = assignment.folder / "classroom" / "grader-autograder"
        if not private.exists():
            copy_grader(private)
        print(f"wrote {private}: push it to a PRIVATE repository named grader-autograder in "
              "your organisation, and add an organisation secret GRADER_TOKEN that can read it")
    print(f"use {template} as the assignment's template repository in GitHub Classroom. "
          "Students can edit their own workflow: for marks that count, grade the collected "
          "repositories with `grader grade` too.")
    return EXIT_OK
