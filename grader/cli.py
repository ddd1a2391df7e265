"""The `grader` command: argument parsing and dispatch only; the work lives in the engine.

Exit status: 0 when everything asked for passed, 1 when something failed or could not be
graded, 2 for a usage error (unknown exercise, missing file, bad setting).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2
MUTATION_TARGET = 0.9  # share of non-equivalent mutants the checks must kill


class UsageError(Exception):
    """The command line asked for something that does not exist; exit 2 with the message."""


def entry() -> None:
    """Console-script entry: skip interpreter teardown, which costs ~0.5 s once torch is loaded.

    Everything worth keeping is already written: the progress log is fsynced on append.
    """
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="grader", description="Practise PyTorch and Python; get graded in seconds.")
    settings = argparse.ArgumentParser(add_help=False)
    settings.add_argument("--set", nargs=2, action="append", dest="sub_set", default=[],
                          metavar=("KEY", "VALUE"),
                          help="override a setting, e.g. --set CHECK.MAX_EXAMPLES 200")
    parser.add_argument("--set", nargs=2, action="append", default=[], metavar=("KEY", "VALUE"),
                        help="override a setting, e.g. --set CHECK.MAX_EXAMPLES 200")
    sub = parser.add_subparsers(dest="command")

    check = sub.add_parser("check", help="grade exercise files", parents=[settings])
    check.add_argument("files", nargs="+", type=Path, metavar="FILE")
    check.add_argument("--exercise", help="grade as this exercise (default: from the file name)")
    check.add_argument("--format", choices=("text", "json"), default="text")
    check.add_argument("--verbose", "-v", action="store_true", help="show passing checks too")

    init = sub.add_parser("init", help="create a workspace with the starter files",
                          parents=[settings])
    init.add_argument("directory", nargs="?", type=Path, default=Path("."))

    validate = sub.add_parser("validate", help="prove exercises' checks (for authors)",
                              parents=[settings])
    validate.add_argument("ids", nargs="*", metavar="ID")
    validate.add_argument("--mutants", action="store_true",
                          help="also grade AST mutants of each reference; report how many die")

    sub.add_parser("tui", help="open the practice app in this workspace (the default)",
                   parents=[settings])
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    from grader.config import ConfigError
    from grader.exercise import ExerciseError
    from grader.progress import ProgressLogError
    from grader.sandbox.host import SandboxError

    pairs = args.set + getattr(args, "sub_set", [])
    opts = [item for pair in pairs for item in pair]
    try:
        if args.command == "check":
            return _check(args, opts)
        if args.command == "init":
            return _init(args, opts)
        if args.command == "validate":
            return _validate(args, opts)
        return _tui(opts)  # `grader tui`, and `grader` with no command
    except (UsageError, ConfigError, ExerciseError) as exc:
        print(f"grader: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except ProgressLogError as exc:
        print(f"grader: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except SandboxError as exc:
        print(f"grader: {exc}", file=sys.stderr)
        return EXIT_FAILED
    except BrokenPipeError:
        # The reader went away (`grader check … | head`): nothing left to say to it.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115
        return EXIT_OK
    except KeyboardInterrupt:
        print("grader: interrupted", file=sys.stderr)
        return 130


def _check(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.exercise import get_exercise
    from grader.progress import check_record
    from grader.sandbox.host import Zygote
    from grader.workspace import find_workspace, open_workspace

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
    from grader.config import load_config

    cfg = workspace.cfg if workspace else load_config(None, opts)
    # Start the sandbox first: its torch import overlaps with ours below.
    preload = ("torch",) if any(e.needs_torch for _, e in jobs) else ()
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


def _init(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.config import load_config
    from grader.exercise import all_exercises
    from grader.workspace import init_workspace

    load_config(None, opts)  # a bad --set is reported before anything is written
    root = args.directory
    if root.exists() and not root.is_dir():
        raise UsageError(f"{root} exists and is not a folder")
    created, kept = init_workspace(root, list(all_exercises().values()))
    print(f"workspace: {root.resolve()}")
    print(f"  created {len(created)} file(s)" + (f", kept {len(kept)} existing" if kept else ""))
    print("next: open exercise_20.py, write drop_keys, then run: grader check exercise_20.py")
    return EXIT_OK


def _tui(opts: list[str]) -> int:
    from grader.workspace import find_workspace

    root = find_workspace(Path.cwd())
    if root is None:
        raise UsageError("no workspace here (no grader.yaml in this folder or above it); "
                         "create one with `grader init DIR`, then cd DIR and run `grader`")
    # The one place grader reaches for the app, lazily: the engine never depends on tui.
    from tui import run

    return run(root, opts)


def _validate(args: argparse.Namespace, opts: list[str]) -> int:
    from rich.console import Console
    from rich.markup import escape
    from rich.table import Table

    from grader.config import load_config
    from grader.exercise import all_exercises, get_exercise
    from grader.mutants import score_exercise
    from grader.sandbox.host import Zygote
    from grader.validate import prove

    cfg = load_config(None, opts)
    exercises = [get_exercise(i) for i in args.ids] or list(all_exercises().values())
    preload = ("torch",) if any(e.needs_torch for e in exercises) else ()
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
        console.print(_mutation_table(scores))
        all_ok &= all(score.score >= MUTATION_TARGET for score in scores)
    return EXIT_OK if all_ok else EXIT_FAILED


def _mutation_table(scores: list) -> object:
    from rich.markup import escape
    from rich.table import Table

    table = Table(title=f"mutants (target: at least {MUTATION_TARGET:.0%} killed)")
    for column in ("exercise", "mutants", "equivalent", "killed", "score", "survivors"):
        table.add_column(column, overflow="fold")
    for score in scores:
        equivalent = len(score.results) - len(score.considered)
        style = "green" if score.score >= MUTATION_TARGET else "red"
        survivors = escape("; ".join(r.mutant.id for r in score.survivors) or "-")
        table.add_row(score.exercise_id, str(len(score.results)), str(equivalent),
                      str(score.killed), f"[{style}]{score.score:.0%}[/]", survivors)
    return table
