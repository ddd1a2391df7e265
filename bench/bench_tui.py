"""The app as a terminal sees it: launch to the first interactive frame, and F5 to the verdict.

    .venv/bin/python bench/bench_tui.py [--runs N] [--checks N]

Runs `grader tui` in a pseudo-terminal (80x24) the way a learner starts it, and reads the
bytes the app writes:
- launch: from spawning the process to the footer of the first frame (the app takes keys
  from then on); target under 1.0 s (issue 6);
- check: from sending F5 to the verdict drawn on screen, for a passing exercise_20, after a
  first check has warmed the sandbox; target under 300 ms (issue 6).
Medians of N runs from one run on one machine; quote them with the machine's load.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

import pexpect

REPO = Path(__file__).resolve().parents[1]
GRADER = str(Path(sys.executable).parent / "grader")
F5 = "\x1b[15~"


def make_workspace(folder: Path) -> Path:
    """Exercise 20 holds its reference; every other one is logged as passed, so the app opens
    on 20 (it opens the first exercise not yet passed)."""
    from grader.exercise import all_exercises, get_exercise
    from grader.workspace import init_workspace, open_workspace

    exercises = all_exercises()
    init_workspace(folder, list(exercises.values()))
    twenty = get_exercise("20")
    (folder / twenty.file_name).write_bytes(twenty.reference.read_bytes())
    log = open_workspace(folder).log
    for exercise_id in exercises:
        if exercise_id != "20":
            log.append("check", exercise=exercise_id, status="pass")
    return folder


def spawn(workspace: Path) -> pexpect.spawn:
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": "80", "LINES": "24"}
    return pexpect.spawn(GRADER, ["tui"], cwd=str(workspace), env=env, dimensions=(24, 80),
                         timeout=60, encoding="utf-8", codec_errors="replace")


def quit_app(app: pexpect.spawn) -> None:
    app.send("\x11")  # ctrl+q: quits from any pane
    app.expect(pexpect.EOF)
    app.close()


def launch_times(workspace: Path, runs: int) -> list[float]:
    samples = []
    for _ in range(runs):
        started = time.perf_counter()
        app = spawn(workspace)
        app.expect_exact("Check")  # the footer: the frame is complete and keys are read
        samples.append(time.perf_counter() - started)
        quit_app(app)
    return samples


def check_times(workspace: Path, checks: int) -> tuple[float, list[float]]:
    """(first check, later checks): F5 to the verdict line drawn in the results pane."""
    app = spawn(workspace)
    app.expect_exact("Check")
    samples = []
    for _ in range(checks + 1):
        started = time.perf_counter()
        app.send(F5)
        app.expect_exact("checking")
        app.expect(r"all \d+\s+checks\s+passed")
        samples.append(time.perf_counter() - started)
        time.sleep(0.2)
    quit_app(app)
    return samples[0], samples[1:]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--checks", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="grader-bench-tui-") as folder:
        workspace = make_workspace(Path(folder) / "ws")
        launch = launch_times(workspace, args.runs)
        first, later = check_times(workspace, args.checks)
    print(f"load average: {os.getloadavg()[0]:.2f}")
    print(f"launch to first frame: median {statistics.median(launch):.3f} s "
          f"(min {min(launch):.3f}, max {max(launch):.3f}, runs {len(launch)}); target < 1.0 s")
    print(f"F5 to verdict, exercise_20 passing: first {first * 1000:.0f} ms; later median "
          f"{statistics.median(later) * 1000:.0f} ms (min {min(later) * 1000:.0f}, "
          f"max {max(later) * 1000:.0f}, checks {len(later)}); target < 300 ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
