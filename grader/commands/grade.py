"""`grader grade NAME SUBMISSIONS...`: grade a class into NAME/gradebook.jsonl.

Everything is read and checked first (assignment, roster, timestamps, every submission), so a
bad input stops the run before anything is written. Then missing pairs are recorded and the
rest graded on a pool of warm checkers, each record appended as it completes.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections import Counter
from pathlib import Path

from grader.commands import EXIT_FAILED, EXIT_OK, UsageError


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", metavar="NAME", type=Path, help="the assignment's folder")
    parser.add_argument("submissions", nargs="+", type=Path, metavar="SUBMISSIONS",
                        help="folders or zips holding one folder (or zip) per student")
    parser.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1,
                        help="grading processes (default: one per core)")
    parser.add_argument("--regrade", action="store_true",
                        help="grade every file again, even those already in the gradebook")
    parser.add_argument("--roster", type=Path,
                        help="student_id,name,email CSV (default: NAME/roster.csv if present)")
    parser.add_argument("--timestamps", type=Path,
                        help="student_id,submitted_at CSV: when each student submitted")
    parser.add_argument("--cluster", metavar="ADDRESS",
                        help="grade on a Dask cluster, e.g. tcp://HOST:8786 (default: "
                             "GRADE.CLUSTER in assignment.yaml, else this machine)")
    parser.add_argument("--unsafe-no-sandbox", action="store_true",
                        help="grade even where strict isolation is unavailable")


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.classroom.assignment import load_assignment
    from grader.classroom.gradebook import GradebookError
    from grader.classroom.grading import GradingError, isolation_refusal, plan_class
    from grader.classroom.roster import RosterError, read_roster
    from grader.classroom.submissions import SubmissionsError, collect, read_timestamps
    from grader.commands.assignment import assignment_opts

    if args.jobs < 1:
        raise UsageError("--jobs must be at least 1")
    assignment_opts = assignment_opts(opts)
    assignment = load_assignment(args.name, assignment_opts)
    refusal = isolation_refusal()
    if refusal and not args.unsafe_no_sandbox:
        raise UsageError(refusal)
    roster_path = args.roster or (args.name / "roster.csv")
    try:
        roster = read_roster(roster_path) if args.roster or roster_path.exists() else None
        timestamps = read_timestamps(args.timestamps) if args.timestamps else None
        submissions = collect(args.submissions, assignment.exercises, assignment.name,
                              timestamps)
        plan = plan_class(assignment, submissions, roster, regrade=args.regrade)
    except (RosterError, SubmissionsError, GradebookError) as exc:
        raise UsageError(str(exc)) from None
    for warning in submissions.warnings:
        print(f"grader: warning: {warning}", file=sys.stderr)
    names = dict(submissions.names)
    if roster is not None:
        names.update({s.student_id: s.name for s in roster if s.name})
        known = {s.student_id for s in roster}
        strangers = [s for s in submissions.students if s not in known]
        if strangers:
            print(f"grader: warning: not on the roster, graded anyway: {', '.join(strangers)}",
                  file=sys.stderr)
    print(f"{assignment.name}: {len(plan.to_grade)} files to grade, {len(plan.missing)} "
          f"missing, {plan.skipped} already in the gradebook"
          f"{' (--regrade grades them again)' if plan.skipped else ''}", file=sys.stderr)
    from grader.classroom.cluster import ClusterError

    cluster = args.cluster or assignment.cluster or None
    try:
        records = (_grade_with_progress(assignment, assignment_opts, names, plan, args.jobs,
                                        cluster)
                   if plan.to_grade or plan.missing else [])
    except (GradingError, GradebookError, ClusterError) as exc:
        print(f"grader: {exc}", file=sys.stderr)
        return EXIT_FAILED
    _print_summary(assignment, records)
    return EXIT_OK


def _grade_with_progress(assignment, opts: list[str], names: dict[str, str], plan,
                         jobs: int, cluster: str | None = None) -> list[dict]:
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
        TimeRemainingColumn,
    )

    from grader.classroom.grading import ClassGrader

    console = Console(stderr=True, highlight=False)
    total = len(plan.to_grade) + len(plan.missing)
    failures = Counter()
    with Progress(TextColumn("grading"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("[red]{task.fields[failed]} not passing[/]"),
                  TextColumn("{task.fields[last]}"), TimeElapsedColumn(),
                  TextColumn("ETA"), TimeRemainingColumn(), console=console,
                  transient=False) as progress:
        task = progress.add_task("", total=total, failed=0, last="")

        def on_record(record: dict) -> None:
            if record["verdict"] != "pass":
                failures["n"] += 1
            progress.update(task, advance=1, failed=failures["n"],
                            last=f"{record['student']} {record['exercise']}: "
                                 f"{record['verdict'] or record['status']}")

        grader = ClassGrader(assignment, opts, names, jobs=jobs, on_record=on_record)
        if cluster:
            return grader.run_on_cluster(plan, cluster, say=progress.console.print)
        return grader.run(plan)


def _print_summary(assignment, records: list[dict]) -> None:
    from rich.console import Console
    from rich.table import Table

    from grader.classroom.gradebook import latest_records, read_gradebook
    from grader.classroom.scoring import format_points

    latest = latest_records(read_gradebook(assignment.gradebook_path))
    table = Table(title=f"{assignment.name}: {len(records)} records written to "
                        f"{assignment.gradebook_path}")
    for column in ("exercise", "pass", "fail", "error", "missing", "mean points", "max"):
        table.add_column(column, justify="right" if column != "exercise" else "left")
    for exercise_id in assignment.exercises:
        rows = [r for (_, e), r in latest.items() if e == exercise_id]
        counts = Counter(r["verdict"] or r["status"] for r in rows)
        mean = sum(r["final_points"] for r in rows) / len(rows) if rows else 0.0
        table.add_row(exercise_id, str(counts["pass"]), str(counts["fail"]),
                      str(counts["error"] + counts["crashed"]), str(counts["missing"]),
                      format_points(mean), format_points(assignment.points[exercise_id]))
    students = {s for s, _ in latest}
    totals = [sum(r["final_points"] for (s, _), r in latest.items() if s == student)
              for student in students]
    console = Console(highlight=False)
    console.print(table)
    if totals:
        console.print(f"{len(students)} students; mean total "
                      f"{format_points(sum(totals) / len(totals))} of "
                      f"{format_points(assignment.max_points)}. Exports: "
                      f"`grader export {assignment.folder} --format csv`.")
