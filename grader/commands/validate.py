"""`grader validate [--mutants] [ID…]`: prove exercises' checks, for authors."""

from __future__ import annotations

import argparse

from grader.commands import EXIT_FAILED, EXIT_OK


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from grader.config import load_config
    from grader.exercise import all_exercises, get_exercise, sandbox_preload
    from grader.mutants import MUTATION_TARGET, score_exercise
    from grader.sandbox.host import Zygote
    from grader.validate import prove

    cfg = load_config(None, opts)
    exercises = [get_exercise(i) for i in args.ids] or list(all_exercises().values())
    preload = sandbox_preload(exercises)
    table = Table(title="exercise validation")
    for column in ("exercise", "subject", "expectation", "ok", "detail"):
        table.add_column(column, overflow="fold")
    all_ok = True
    with Zygote(preload=preload).start() as zygote:
        for exercise in exercises:
            for proof in prove(exercise, zygote, cfg):
                all_ok &= proof.ok
                mark = "[green]yes[/]" if proof.ok else "[red]NO[/]"
                table.add_row(proof.exercise_id, escape(proof.subject),
                              escape(proof.expectation), mark, escape(proof.detail))
        scores = [score_exercise(e, zygote, cfg) for e in exercises] if args.mutants else []
    console = Console(highlight=False)
    console.print(table)
    if scores:
        console.print(_mutation_table(scores, MUTATION_TARGET))
        all_ok &= all(score.score >= MUTATION_TARGET for score in scores)
    return EXIT_OK if all_ok else EXIT_FAILED


def _mutation_table(scores: list, target: float) -> object:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"mutants (target: at least {target:.0%} killed)")
    for column in ("exercise", "mutants", "equivalent", "killed", "score", "survivors"):
        table.add_column(column, overflow="fold")
    for score in scores:
        equivalent = len(score.results) - len(score.considered)
        style = "green" if score.score >= target else "red"
        survivors = escape("; ".join(r.mutant.id for r in score.survivors) or "-")
        table.add_row(score.exercise_id, str(len(score.results)), str(equivalent),
                      str(score.killed), f"[{style}]{score.score:.0%}[/]", survivors)
    return table
