"""`grader check FILE…`: grade files, print verdicts, log one record per file."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from grader.commands import EXIT_FAILED, EXIT_OK, UsageError


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.config import load_config
    from grader.exercise import get_exercise, sandbox_preload
    from grader.progress import check_record
    from grader.sandbox.host import Zygote
    from grader.workspace import find_workspace, open_workspace

    if not args.files:
        raise UsageError("name the file(s) to check, e.g. `grader check exercise_20.py`, "
                         "or use --all")
    jobs = []
    for path in args.files:
        if not path.is_file():
            what = "a folder" if path.is_dir() else "not found"
            raise UsageError(f"{path}: {what}; give the path of an exercise_NN.py file")
        name = args.exercise or path.stem
        if not args.exercise and not name.startswith("exercise_"):
            raise UsageError(f"{path}: cannot tell which exercise this is; name it "
                             "exercise_NN.py or pass --exercise NN")
        jobs.append((path, get_exercise(name)))
    root = find_workspace(jobs[0][0].parent) or find_workspace(Path.cwd())
    workspace = open_workspace(root, opts) if root else None
    cfg = workspace.cfg if workspace else load_config(None, opts)
    # Start the sandbox first: its torch import overlaps with ours below.
    preload = sandbox_preload(e for _, e in jobs)
    zygote = Zygote(preload=preload).start()
    try:
        from grader.judge.runner import grade

        verdicts = [grade(exercise, path, zygote, cfg) for path, exercise in jobs]
    finally:
        zygote.close()
    if workspace is not None:
        for verdict in verdicts:
            workspace.log.append("check", **check_record(verdict))
    _print_verdicts(verdicts, args.format, args.verbose)
    return EXIT_OK if all(v.passed for v in verdicts) else EXIT_FAILED


def _print_verdicts(verdicts: list, fmt: str, verbose: bool) -> None:
    if fmt == "json":
        from grader.report import to_results_json

        documents = [to_results_json(v) for v in verdicts]
        json.dump(documents[0] if len(documents) == 1 else documents, sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return
    from rich.console import Console

    from grader.report import print_verdict

    console = Console(highlight=False)
    for verdict in verdicts:
        print_verdict(console, verdict, verbose=verbose)
