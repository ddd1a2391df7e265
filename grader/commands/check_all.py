"""`grader check --all`: every exercise file in the workspace, on all cores, one summary.

Each pool process is a supervisor with its own warm ``Checker``; verdicts come back to this
process, which alone logs them (``grader.actions.record_check``) and prints them through
``grader.report``'s formats.
"""

from __future__ import annotations

import argparse
import atexit
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path

from grader.commands import EXIT_FAILED, EXIT_OK, UsageError

_pool_state: dict = {}


def _start_supervisor(root: str, opts: list[str], preload: tuple[str, ...]) -> None:
    from grader.checker import Checker
    from grader.workspace import open_workspace

    _pool_state["cfg"] = open_workspace(Path(root), opts).cfg
    checker = Checker(preload=preload, record=False).start()
    _pool_state["checker"] = checker
    atexit.register(checker.close)


def _grade_one(exercise_id: str, path: str):
    from grader.exercise import get_exercise

    return _pool_state["checker"].check(get_exercise(exercise_id), Path(path), _pool_state["cfg"])


def run(args: argparse.Namespace, opts: list[str]) -> int:
    import sys

    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    from grader import actions
    from grader.exercise import all_exercises, sandbox_preload
    from grader.report import ReportOptions, write_report
    from grader.workspace import require_workspace

    workspace = require_workspace(opts)
    jobs = [(e, workspace.exercise_file(e)) for e in sorted(all_exercises().values(),
                                                              key=lambda e: e.id)]
    jobs = [(e, path) for e, path in jobs if path.is_file()]
    if not jobs:
        raise UsageError(f"no exercise_NN.py files in {workspace.root}; run `grader init`")
    preload = sandbox_preload(e for e, _ in jobs)
    workers = max(1, min(len(jobs), os.cpu_count() or 1))
    verdicts = {}
    console = Console(highlight=False, stderr=args.format != "text")  # stdout: the report
    # The pool forks before the progress display starts its refresh thread.
    with ProcessPoolExecutor(max_workers=workers, initializer=_start_supervisor,
                             initargs=(str(workspace.root), opts, preload)) as pool:
        futures = {pool.submit(_grade_one, e.id, str(path)): e for e, path in jobs}
        with Progress(TextColumn("checking"), BarColumn(), MofNCompleteColumn(),
                      TextColumn("{task.description}"), console=console,
                      transient=True) as progress:
            task = progress.add_task("", total=len(futures))
            for future in as_completed(futures):
                exercise = futures[future]
                verdicts[exercise.id] = future.result()
                progress.update(task, advance=1,
                                description=f"exercise {exercise.id}: "
                                            f"{verdicts[exercise.id].status}")
    ordered = [verdicts[e.id] for e, _ in jobs]
    for verdict in ordered:
        actions.record_check(workspace, verdict)
    lang = workspace.cfg.UI.LANG
    titles = {e.id: e.title.get(lang) or e.title.get("en", "") for e, _ in jobs}
    write_report(args.format, ordered, sys.stdout,
                 ReportOptions(summary_titles=titles, many=True, console=console))
    return EXIT_OK if all(v.passed for v in ordered) else EXIT_FAILED
