"""`grader watch [FILE]`: re-check on every save, with one warm ``Checker``.

The supervisor keeps hypothesis, torch and the checks imported and the zygote alive, so only
the first check pays for the imports; checks are logged by ``grader.actions``. Where file
events never arrive (network drives, WSL), `--manual` checks when Enter is pressed instead.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from grader.commands import EXIT_FAILED, EXIT_OK, UsageError

DEBOUNCE_MS = 80  # editors write a file in several steps; wait this long for the last one
STEP_MS = 10  # a save is taken as finished after this long without another change
MANUAL_TIP = ("saved but nothing happens? file events may not reach this folder "
              "(network drive, WSL): use `grader watch --manual`")


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from rich.console import Console

    from grader import actions
    from grader.checker import Checker
    from grader.exercise import all_exercises, get_exercise, sandbox_preload
    from grader.learner import exercise_progress
    from grader.workspace import require_workspace

    workspace = require_workspace(opts)
    if args.file is not None:
        path = args.file.resolve()
        if not path.is_file():
            raise UsageError(f"{args.file}: not found; give the path of an exercise_NN.py file")
        targets = {path: get_exercise(args.exercise or path.stem)}
    else:
        targets = {workspace.exercise_file(e).resolve(): e for e in all_exercises().values()
                   if workspace.exercise_file(e).is_file()}
        if not targets:
            raise UsageError(f"no exercise_NN.py files in {workspace.root}; run `grader init`")
    console = Console(highlight=False)
    preload = sandbox_preload(targets.values())
    # Re-checks replay the examples of earlier passing runs: same verdicts, a fraction of the
    # time (see grader/judge/replay.py).
    with Checker(preload=preload) as checker:
        from grader.report import print_verdict

        def check(path: Path) -> None:
            exercise = targets[path]
            started = time.monotonic()
            verdict = actions.check(workspace, exercise, path, workspace.cfg, checker)
            console.clear()
            print_verdict(console, verdict)
            progress = exercise_progress(workspace.log.read())
            done = sum(p.state == "done" for i, p in progress.items() if i in
                       {e.id for e in targets.values()})
            console.print(f"[dim]{done}/{len(targets)} done · checked in "
                          f"{time.monotonic() - started:.2f} s · watching "
                          f"{len(targets)} file(s) · Ctrl+C to stop[/]")
            if not args.manual:
                console.print(f"[dim]{MANUAL_TIP}[/]")

        first = _first_unfinished(targets, exercise_progress(workspace.log.read()))
        seen = _mtimes(targets)  # before the first check: a save during it is not missed
        check(first)
        try:
            if args.manual:
                return _manual_loop(check, first, console)
            return _watch_loop(check, targets, seen, console)
        except KeyboardInterrupt:
            console.print("stopped watching")
            return EXIT_OK


def _first_unfinished(targets: dict, progress: dict) -> Path:
    for path, exercise in sorted(targets.items(), key=lambda item: item[1].id):
        entry = progress.get(exercise.id)
        if entry is None or entry.state != "done":
            return path
    return min(targets, key=lambda p: targets[p].id)


def _manual_loop(check, path: Path, console) -> int:
    while True:
        console.print(f"[bold]Enter[/] checks {path.name} again; q then Enter quits")
        answer = sys.stdin.readline()
        if answer == "" or answer.strip().lower() == "q":
            return EXIT_OK
        check(path)


def _mtimes(paths) -> dict[Path, int | None]:
    stamps = {}
    for path in paths:
        try:
            stamps[path] = path.stat().st_mtime_ns
        except OSError:
            stamps[path] = None
    return stamps


def _watch_loop(check, targets: dict, seen: dict, console) -> int:
    import watchfiles

    folders = sorted({str(p.parent) for p in targets})
    # File events say when to look; modification times say what changed, which also catches
    # a save made before the watcher was up (the first timeout picks it up).
    try:
        for _ in watchfiles.watch(*folders, debounce=DEBOUNCE_MS, step=STEP_MS, rust_timeout=500,
                                  yield_on_timeout=True,
                                  watch_filter=lambda _, name: Path(name) in targets,
                                  raise_interrupt=True):
            now = _mtimes(targets)
            for path in sorted(p for p in targets if now[p] != seen[p] and now[p] is not None):
                seen[path] = now[path]
                check(path)
    except (OSError, RuntimeError) as exc:
        console.print(f"[red]cannot watch for file changes ({exc}).[/] {MANUAL_TIP}")
        return EXIT_FAILED
    return EXIT_OK
