"""`grader progress [--format json]`: completion and quiz accuracy per topic, streak, activity."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta

from grader.commands import EXIT_OK

RECENT_DAYS = 7


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.exercise import all_exercises
    from grader.learner import (
        daily_activity,
        exercise_progress,
        quiz_accuracy,
        streak,
        topic_progress,
    )
    from grader.workspace import require_workspace

    workspace = require_workspace(opts)
    records = workspace.log.read(warn=lambda m: print(f"grader: warning: {m}", file=sys.stderr))
    exercises = list(all_exercises().values())
    topics = {t.topic: {"done": t.done, "total": t.total}
              for t in topic_progress(exercises, exercise_progress(records)).values()}
    quiz = {topic: {"right": right, "answered": answered}
            for topic, (right, answered) in quiz_accuracy(records).items()}
    today = datetime.now(UTC).date()
    recent = {(today - timedelta(days=RECENT_DAYS - 1 - i)).isoformat(): count
              for i, count in enumerate(daily_activity(records, RECENT_DAYS, today))}
    summary = {"topics": topics, "streak_days": streak(records, today),
               "done": sum(t["done"] for t in topics.values()), "total": len(exercises),
               "recent_activity": recent, "quiz": quiz}
    if args.format == "json":
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    from rich.console import Console
    from rich.progress_bar import ProgressBar
    from rich.table import Table

    table = Table(title="progress", box=None)
    for column in ("topic", "", "done", "quiz"):
        table.add_column(column)
    for topic, counts in topics.items():
        if counts["total"] or topic in quiz:
            table.add_row(topic, ProgressBar(total=counts["total"], completed=counts["done"],
                                             width=20), f"{counts['done']}/{counts['total']}",
                          _accuracy(quiz.get(topic)))
    console = Console(highlight=False)
    console.print(table)
    console.print(f"overall {summary['done']}/{summary['total']} · streak "
                  f"{summary['streak_days']} day(s)")
    console.print("last 7 days: " + "  ".join(f"{day[5:]}: {count}"
                                             for day, count in recent.items()))
    return EXIT_OK


def _accuracy(tally: dict[str, int] | None) -> str:
    if not tally:
        return "–"
    return f"{tally['right']}/{tally['answered']} {100 * tally['right'] // tally['answered']}%"
