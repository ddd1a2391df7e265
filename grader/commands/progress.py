"""`grader progress [--format json]`: completion per topic, streak, recent activity."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import UTC, datetime, timedelta

from grader.commands import EXIT_OK


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.exercise import all_exercises
    from grader.learner import TOPICS, activity_by_day, exercise_progress, streak
    from grader.workspace import require_workspace

    workspace = require_workspace(opts)
    records = workspace.log.read(warn=lambda m: print(f"grader: warning: {m}", file=sys.stderr))
    progress = exercise_progress(records)
    exercises = list(all_exercises().values())
    topics = {}
    for topic in TOPICS:
        ids = [e.id for e in exercises if e.topic == topic]
        done = [i for i in ids if i in progress and progress[i].state == "done"]
        topics[topic] = {"done": len(done), "total": len(ids)}
    today = datetime.now(UTC).date()
    by_day = activity_by_day(records)
    recent = {(today - timedelta(days=d)).isoformat(): by_day.get(today - timedelta(days=d), 0)
              for d in range(6, -1, -1)}
    summary = {"topics": topics, "streak_days": streak(records, today),
               "done": sum(t["done"] for t in topics.values()), "total": len(exercises),
               "recent_activity": recent}
    if args.format == "json":
        json.dump(summary, sys.stdout, indent=2)
        sys.stdout.write("\n")
        return EXIT_OK
    from rich.console import Console
    from rich.progress_bar import ProgressBar
    from rich.table import Table

    table = Table(title="progress", box=None)
    for column in ("topic", "", "done"):
        table.add_column(column)
    for topic, counts in topics.items():
        if counts["total"]:
            table.add_row(topic, ProgressBar(total=counts["total"], completed=counts["done"],
                                             width=20), f"{counts['done']}/{counts['total']}")
    console = Console(highlight=False)
    console.print(table)
    console.print(f"overall {summary['done']}/{summary['total']} · streak "
                  f"{summary['streak_days']} day(s)")
    console.print("last 7 days: " + "  ".join(f"{day[5:]}: {count}"
                                             for day, count in recent.items()))
    return EXIT_OK
