"""`grader check FILE…`: grade files, print verdicts, log one record per file.

In a workspace, files go to its warm check server (``grader.server``); the first check grades
them here (cold) and then starts that server in the background. Without a workspace, with
``--no-server`` or ``CHECK.SERVER: false``, or when no server answers, they are graded here.
Both log through ``grader.actions`` and print through ``grader.report``'s formats, so the
output is the same.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from grader.commands import EXIT_FAILED, EXIT_OK, UsageError


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.config import load_config
    from grader.exercise import get_exercise
    from grader.workspace import find_workspace, open_workspace

    if args.assignment is not None:
        return _check_assignment(args, opts)
    if not args.files:
        raise UsageError("name the file(s) to check, e.g. `grader check exercise_20.py`, "
                         "or use --all")
    for path in args.files:
        if not path.is_file():
            what = "a folder" if path.is_dir() else "not found"
            raise UsageError(f"{path}: {what}; give the path of an exercise_NN.py file")
        if not args.exercise and not path.stem.startswith("exercise_"):
            raise UsageError(f"{path}: cannot tell which exercise this is; name it "
                             "exercise_NN.py or pass --exercise NN")
    root = find_workspace(args.files[0].parent) or find_workspace(Path.cwd())
    # The workspace's settings first: they name the exercise packs the files may belong to.
    workspace = open_workspace(root, opts) if root else None
    cfg = workspace.cfg if workspace else load_config(None, opts)
    jobs = [(path, get_exercise(args.exercise or path.stem)) for path in args.files]
    verdicts = None
    served = workspace is not None and cfg.CHECK.SERVER and not args.no_server
    if served:
        from grader.server import client

        verdicts = client.check_files(workspace.root, [(p, e.id) for p, e in jobs], opts,
                                      cfg.CHECK.RUN_TIMEOUT)
    if verdicts is None:
        verdicts = _check_here(workspace, jobs, cfg)
        if served:  # for the checks that follow
            client.start_after_cold_check(workspace.root, sorted({e.id for _, e in jobs}))
    from grader.report import ReportOptions, write_report

    write_report(args.format, verdicts, sys.stdout, ReportOptions(verbose=args.verbose))
    return EXIT_OK if all(v.passed for v in verdicts) else EXIT_FAILED


def _check_here(workspace, jobs: list, cfg) -> list:
    """A cold check: one Checker for these files, gone when they are graded."""
    from grader import actions
    from grader.checker import Checker
    from grader.exercise import sandbox_preload

    # The sandbox starts first: its torch import overlaps with the judge's imports.
    with Checker(preload=sandbox_preload(e for _, e in jobs), record=False,
                 predraw=True) as checker:
        return [actions.check(workspace, exercise, path, cfg, checker)
                for path, exercise in jobs]


def _check_assignment(args: argparse.Namespace, opts: list[str]) -> int:
    """``--assignment DIR``: this folder's files for every exercise of the assignment, scored
    with its points (a file not here scores 0). What a GitHub Classroom workflow runs."""
    from datetime import UTC, datetime

    from grader.classroom.assignment import load_assignment
    from grader.classroom.exports.github import results_json
    from grader.classroom.exports.standings import build_standings
    from grader.classroom.grading import grade_one_student
    from grader.commands.assignment import assignment_opts
    from grader.report import github_output_line

    if args.format != "github":
        raise UsageError("--assignment scores with the assignment's points: use it with "
                         "--format github (for the other formats, name the files)")
    assignment = load_assignment(args.assignment, assignment_opts(opts))
    named = {p.name: p for p in args.files}
    files = {}
    for exercise_id in assignment.exercises:
        path = named.get(f"exercise_{exercise_id}.py", Path(f"exercise_{exercise_id}.py"))
        if path.is_file():
            files[exercise_id] = path
    latest = grade_one_student(assignment, files)
    standings = build_standings(assignment, latest, None)
    document = results_json(standings.students[0], standings, datetime.now(UTC))
    sys.stdout.write(github_output_line(document))
    return EXIT_OK if document["status"] == "pass" else EXIT_FAILED
