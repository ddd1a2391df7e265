"""`grader validate [--mutants] [--all] [ID…]`: prove exercises' checks, for authors.

Proofs (and mutants) run on one supervisor per core, each with its own warm zygote, like
`grader check --all`.
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path
from typing import TYPE_CHECKING

from grader.commands import EXIT_FAILED, EXIT_OK

if TYPE_CHECKING:
    from rich.table import Table

    from grader.mutants import MutationScore


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from grader.config import load_config
    from grader.exercise import all_exercises, get_exercise
    from grader.mutants import score_all
    from grader.validate import prove_all
    from grader.workspace import WORKSPACE_FILE, find_workspace

    # In a workspace, its grader.yaml counts: its settings and its packs (a teacher's own
    # exercises). A bad setting is a usage error before any process starts.
    root = find_workspace(Path.cwd())
    config_path = root / WORKSPACE_FILE if root is not None else None
    load_config(config_path, opts)
    everything = getattr(args, "all", False) or not args.ids
    exercises = (sorted(all_exercises().values(), key=lambda e: e.id) if everything
                 else [get_exercise(i) for i in args.ids])
    console = Console(highlight=False)
    with _Bar(console, "proving", len(exercises)) as bar:
        proofs = prove_all(exercises, opts, on_done=bar.advance, config_path=config_path)
    all_ok = all(proof.ok for proof in proofs)
    # With mutants, the mutation table is the one to read: proofs show only when one fails.
    shown = [p for p in proofs if not p.ok] if args.mutants else proofs
    if shown:
        table = Table(title="exercise validation" if not args.mutants
                      else "exercise validation: proofs that fail")
        for column in ("exercise", "subject", "expectation", "ok", "detail"):
            table.add_column(column, overflow="fold")
        for proof in shown:
            mark = "[green]yes[/]" if proof.ok else "[red]NO[/]"
            table.add_row(proof.exercise_id, escape(proof.subject),
                          escape(proof.expectation), mark, escape(proof.detail))
        console.print(table)
    else:
        console.print(f"[green]all {len(proofs)} proofs hold[/] (references and solutions "
                      "pass, starters and wrong variants fail)")
    if args.mutants:
        from grader.mutants import exercise_mutants

        mutants = {e.id: exercise_mutants(e) for e in exercises}
        total = sum(len(m) for m in mutants.values())
        started = time.monotonic()
        with _Bar(console, "grading mutants", total) as bar:
            scores = score_all(exercises, opts, on_result=bar.advance, mutants=mutants,
                               config_path=config_path)
        console.print(mutation_table(scores))
        console.print(f"{total} mutants graded in {time.monotonic() - started:.0f} s")
        all_ok &= all(score.on_target for score in scores)
    return EXIT_OK if all_ok else EXIT_FAILED


def mutation_table(scores: list[MutationScore]) -> Table:
    """One row per exercise, weakest first: fewest killed, then fewest mutants."""
    from rich.markup import escape
    from rich.table import Table

    from grader.mutants import MIN_MUTANTS, MUTATION_TARGET

    table = Table(title=f"mutants (target: at least {MIN_MUTANTS} non-equivalent, "
                        f"at least {MUTATION_TARGET:.0%} killed)")
    for column in ("exercise", "mutants", "equivalent", "killed", "score", "survivors"):
        table.add_column(column, overflow="fold")
    for score in sorted(scores, key=lambda s: (s.on_target, s.score, len(s.considered))):
        equivalent = len(score.results) - len(score.considered)
        few = len(score.considered) < MIN_MUTANTS
        weak = score.score < MUTATION_TARGET
        survivors = escape("\n".join(r.mutant.id for r in score.survivors) or "-")
        table.add_row(score.exercise_id,
                      f"[red]{len(score.considered)}[/]" if few else str(len(score.considered)),
                      str(equivalent), str(score.killed),
                      f"[red]{score.score:.0%}[/]" if weak else f"[green]{score.score:.0%}[/]",
                      survivors)
    return table


class _Bar:
    """A transient progress bar drawn from the first result on: the pool has forked its
    supervisors by then (forking while the bar's refresh thread runs could deadlock)."""

    def __init__(self, console, what: str, total: int) -> None:
        self.console, self.what, self.total = console, what, total
        self.progress = None

    def advance(self, *_) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        if self.progress is None:
            self.progress = Progress(TextColumn(self.what), BarColumn(), MofNCompleteColumn(),
                                     console=self.console, transient=True)
            self.progress.start()
            self.task = self.progress.add_task("", total=self.total)
        self.progress.update(self.task, advance=1)

    def __enter__(self) -> _Bar:
        return self

    def __exit__(self, *exc) -> None:
        if self.progress is not None:
            self.progress.stop()
