"""`grader check --all`: every exercise file in the workspace, on all cores, one summary.

Each pool process is a supervisor with its own warm zygote; verdicts come back to this process,
which alone writes the progress log.
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
    from grader.sandbox.host import Zygote
    from grader.workspace import open_workspace

    _pool_state["cfg"] = open_workspace(Path(root), opts).cfg
    zygote = Zygote(preload=preload).start()
    _pool_state["zygote"] = zygote
    atexit.register(zygote.close)


def _grade_one(exercise_id: str, path: str):
    from grader.exercise import get_exercise
    from grader.judge.runner import grade

    return grade(get_exercise(exercise_id), Path(path), _pool_state["zygote"], _pool_state["cfg"])


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn
    from rich.table import Table

    from grader.exercise import all_exercises, sandbox_preload
    from grader.progress import check_record
    from grader.report import to_results_json
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
    console = Console(highlight=False, stderr=args.format == "json")
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
        workspace.log.append("check", **check_record(verdict))
    if args.format == "json":
        import json
        import sys

        json.dump([to_results_json(v) for v in ordered], sys.stdout, ensure_ascii=False,
                  indent=2)
        sys.stdout.write("\n")
    else:
        table = Table(title=f"{sum(v.passed for v in ordered)} of {len(ordered)} passing")
        for column in ("#", "exercise", "status", "checks", "first problem"):
            table.add_column(column, overflow="fold")
        lang = workspace.cfg.UI.LANG
        for (exercise, _), verdict in zip(jobs, ordered, strict=True):
            style = {"pass": "green", "fail": "red", "error": "yellow"}[verdict.status]
            passed = sum(c.status == "pass" for c in verdict.checks)
            problem = next((c.name for c in verdict.checks if c.status != "pass"),
                           verdict.message.splitlines()[0] if verdict.status == "error" else "")
            table.add_row(exercise.id, exercise.title[lang],
                          f"[{style}]{verdict.status}[/]",
                          f"{passed}/{len(verdict.checks)}", problem)
        console.print(table)
    return EXIT_OK if all(v.passed for v in ordered) else EXIT_FAILED
