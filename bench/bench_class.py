"""A class of 30 students x 24 exercises: `grader grade` against one cold `grader check` per
file, from one run on one machine.

    .venv/bin/python bench/bench_class.py [--students 30] [--jobs 2] [--sample 24]

Builds the synthetic class (`grader assignment example-class`: references, alternative
solutions and known-wrong variants, about half wrong, a few syntax errors, crashes and missing
files), times `grader grade` on it with --jobs processes, then times one cold `grader check`
per file on a SAMPLE (one file per exercise, drawn with a fixed seed; the full per-file loop
would take ~40 minutes). The loop's time is EXTRAPOLATED: each exercise's sampled time times its
number of files. Prints both, their ratio and the cost per check and per file.
Goals (issue 11): grade <= 3 minutes on 2 cores, and <= 0.25x the per-file loop.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

PYTHON = sys.executable
GRADER = str(Path(PYTHON).parent / "grader")


def timed(command: list[str], cwd: Path) -> tuple[float, float, subprocess.CompletedProcess]:
    """Wall seconds, CPU seconds (user + system of the command and every process it waited
    for: pool processes, sandboxes, workers) and the result."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, done


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=30)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--sample", type=int, default=24, help="cold checks to time")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from grader.exercise import all_exercises

    ids = sorted(all_exercises())
    with tempfile.TemporaryDirectory(prefix="bench-class-") as tmp:
        root = Path(tmp)
        root.chmod(0o755)
        step = [GRADER, "assignment", "new", "course", "--exercises", ",".join(ids),
                "--due", "2026-12-01T23:59:00+00:00"]
        subprocess.run(step, cwd=root, check=True, capture_output=True)
        subprocess.run([GRADER, "assignment", "example-class", "course", "class",
                        "--students", str(args.students), "--seed", str(args.seed)],
                       cwd=root, check=True, capture_output=True)
        files = sorted((root / "class" / "submissions").glob("*/exercise_*.py"))
        load_before = os.getloadavg()[0]
        grade_s, grade_cpu, done = timed([GRADER, "grade", "course", "class/submissions", "--jobs",
                               str(args.jobs), "--roster", "class/roster.csv", "--timestamps",
                               "class/timestamps.csv", "--unsafe-no-sandbox"], root)
        if done.returncode != 0:
            print(done.stderr[-3000:], file=sys.stderr)
            return 1
        records = [json.loads(line) for line in
                   (root / "course" / "gradebook.jsonl").read_text(encoding="utf-8").splitlines()]
        graded = [r for r in records if r["file"]]
        checks = sum(len(r["checks"]) for r in graded)
        outcome = Counter(r["verdict"] or r["status"] for r in records)

        # One cold `grader check` per sampled file (one per exercise while the sample allows).
        rng = random.Random(args.seed)
        by_exercise: dict[str, list[Path]] = {}
        for path in files:
            by_exercise.setdefault(path.stem.removeprefix("exercise_"), []).append(path)
        chosen = sorted(by_exercise)[: args.sample]
        sample_s: dict[str, float] = {}
        sample_cpu: dict[str, float] = {}
        for exercise_id in chosen:
            path = rng.choice(by_exercise[exercise_id])
            seconds, cpu, _ = timed([GRADER, "check", "--no-server", str(path)], root)
            sample_s[exercise_id], sample_cpu[exercise_id] = seconds, cpu
        mean_sample = sum(sample_s.values()) / len(sample_s)
        loop_s = sum(sample_s.get(e, mean_sample) * len(paths)
                     for e, paths in by_exercise.items())
        mean_cpu = sum(sample_cpu.values()) / len(sample_cpu)
        loop_cpu = sum(sample_cpu.get(e, mean_cpu) * len(paths)
                       for e, paths in by_exercise.items())
        load_after = os.getloadavg()[0]

    print(f"class: {args.students} students x {len(ids)} exercises = {len(records)} pairs, "
          f"{len(files)} files ({', '.join(f'{k} {v}' for k, v in sorted(outcome.items()))})")
    print(f"grader grade --jobs {args.jobs}: {grade_s:.1f} s wall "
          f"({'within' if grade_s <= 180 else 'OVER'} the 3-minute goal)")
    print(f"cold grader check, {len(sample_s)} sampled files: mean {mean_sample:.2f} s, "
          f"min {min(sample_s.values()):.2f} s, max {max(sample_s.values()):.2f} s")
    print(f"per-file loop over all {len(files)} files (EXTRAPOLATED from the sample): "
          f"{loop_s:.0f} s")
    print(f"ratio grade / loop: {grade_s / loop_s:.3f} (goal <= 0.25)")
    print(f"cost: {1000 * grade_s / checks:.1f} ms per check ({checks} checks), "
          f"{1000 * grade_s / len(files):.0f} ms per file; loop: "
          f"{1000 * loop_s / checks:.1f} ms per check")
    # CPU seconds do not grow when other work shares the cores, so they survive a busy
    # machine: grade's CPU / cores is the wall time it needs on that many idle cores.
    print(f"CPU: grade {grade_cpu:.0f} s (/{args.jobs} cores = {grade_cpu / args.jobs:.0f} s), "
          f"per-file loop {loop_cpu:.0f} s (EXTRAPOLATED), ratio {grade_cpu / loop_cpu:.3f}; "
          f"{1000 * grade_cpu / checks:.1f} ms CPU per check")
    print(f"load average (1 min) {load_before:.1f} before grading, {load_after:.1f} at the end "
          f"on {os.cpu_count()} cores: wall times above include waiting for other work")
    return 0


if __name__ == "__main__":
    sys.exit(main())
