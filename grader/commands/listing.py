"""`grader list`: every exercise by topic with its status, attempts and hints used."""

from __future__ import annotations

import argparse

from grader.commands import EXIT_OK

STATE_STYLE = {"done": ("✔ done", "green"), "failing": ("✘ failing", "red"),
               "not started": ("· not started", "dim")}


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from rich.console import Console, Group
    from rich.progress_bar import ProgressBar
    from rich.table import Table
    from rich.text import Text

    from grader.exercise import all_exercises
    from grader.learner import ExerciseProgress, exercise_progress, topic_progress
    from grader.workspace import require_workspace

    workspace = require_workspace(opts)
    lang = workspace.cfg.UI.LANG
    records = workspace.log.read(warn=_warn)
    progress = exercise_progress(records)
    exercises = sorted(all_exercises().values(), key=lambda e: e.id)
    table = Table(box=None, pad_edge=False, show_edge=False)
    for column, justify in (("#", "right"), ("exercise", "left"), ("status", "left"),
                            ("attempts", "right"), ("hints", "right")):
        table.add_column(column, justify=justify)
    tallies = topic_progress(exercises, progress)
    for topic, tally in tallies.items():
        if not tally.total:
            continue
        table.add_row("", Text(topic, style="bold"), _bar(tally.done, tally.total), "", "")
        for exercise in (e for e in exercises if e.topic == topic):
            entry = progress.get(exercise.id, ExerciseProgress(exercise.id))
            label, style = STATE_STYLE[entry.state]
            table.add_row(exercise.id, exercise.title[lang], Text(label, style=style),
                          str(entry.attempts), f"{entry.hints_used}/3")
    total_done = sum(tally.done for tally in tallies.values())
    overall = Group(Text(f"overall: {total_done}/{len(exercises)} done", style="bold"),
                    ProgressBar(total=len(exercises), completed=total_done, width=40))
    console = Console(highlight=False)
    console.print(table)
    console.print(overall)
    return EXIT_OK


def _bar(done: int, total: int):
    from rich.progress_bar import ProgressBar
    from rich.table import Table

    grid = Table.grid(padding=(0, 1))
    grid.add_row(ProgressBar(total=total, completed=done, width=12), f"{done}/{total}")
    return grid


def _warn(message: str) -> None:
    import sys

    print(f"grader: warning: {message}", file=sys.stderr)
