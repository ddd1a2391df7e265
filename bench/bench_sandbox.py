"""What the strict sandbox costs: worker start (fork to a submission imported and answering)
with and without it, from a warm zygote that imported torch, and a cold `grader check`.
"Limits only" is today's path, forced with GRADER_SANDBOX=limits-only in a child process
(a zygote with no namespaces at all, one plain fork per worker).

Run: .venv/bin/python bench/bench_sandbox.py [--starts 40] [--checks 5]
Prints medians from this one run. The issue's budget: strict adds <= 30 ms per worker start,
and a cold `grader check` stays within 10% of the process-limits-only one.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from grader.exercise import get_exercise  # noqa: E402
from grader.sandbox.host import Worker, Zygote  # noqa: E402
from grader.sandbox.isolation import isolation_status  # noqa: E402
from grader.sandbox.limits import Limits  # noqa: E402

SOURCE = b"def drop_keys(d, keys):\n    return {k: v for k, v in d.items() if k not in keys}\n"


def worker_starts(zygote: Zygote, strict: bool, count: int) -> list[float]:
    """Seconds from asking for a worker to its first answer, ``count`` times."""
    times = []
    for _ in range(count):
        started = time.perf_counter()
        with Worker(zygote, SOURCE, "exercise_20", "exercise_20.py", limits=Limits(),
                    sandbox=strict) as worker:
            failure = worker.open(timeout=30)
            assert failure is None, failure
            reply = worker.call("drop_keys", ({"a": 1}, ["a"]))
            assert reply.ok and reply.value == {}
            times.append(time.perf_counter() - started)
    return times


def cold_checks(strict: bool, count: int) -> list[float]:
    """Wall-clock seconds of `grader check exercise_20.py` in a fresh workspace (no server)."""
    folder = Path(tempfile.mkdtemp(prefix="grader-bench-"))
    shutil.copy(get_exercise("20").reference, folder / "exercise_20.py")
    env = dict(os.environ)
    env.pop("GRADER_SANDBOX", None)
    if not strict:
        env["GRADER_SANDBOX"] = "limits-only"
    grader_bin = str(Path(sys.executable).parent / "grader")
    times = []
    try:
        for _ in range(count):
            started = time.perf_counter()
            done = subprocess.run([grader_bin, "check", "exercise_20.py", "--no-server"],
                                  cwd=folder, env=env, capture_output=True, text=True)
            if done.returncode == 2 and "--no-server" in done.stderr:
                done = subprocess.run([grader_bin, "check", "exercise_20.py"], cwd=folder,
                                      env=env, capture_output=True, text=True)
            times.append(time.perf_counter() - started)
            assert done.returncode == 0, done.stdout + done.stderr
    finally:
        shutil.rmtree(folder, ignore_errors=True)
    return times


def _starts_here(count: int) -> list[float]:
    with Zygote(preload=("torch",)).start() as zygote:
        worker_starts(zygote, True, 2)  # the first ones pay for page faults
        return worker_starts(zygote, True, count)


def _starts_elsewhere(count: int) -> list[float]:
    env = {**os.environ, "GRADER_SANDBOX": "limits-only"}
    done = subprocess.run([sys.executable, __file__, "--only-starts", str(count)], env=env,
                          capture_output=True, text=True, check=True)
    return json.loads(done.stdout.splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--starts", type=int, default=40)
    parser.add_argument("--checks", type=int, default=5)
    parser.add_argument("--only-starts", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.only_starts:  # the child of _starts_elsewhere: today's path
        with Zygote(preload=("torch",)).start() as zygote:
            worker_starts(zygote, False, 2)
            print(json.dumps(worker_starts(zygote, False, args.only_starts)))
        return
    status = isolation_status()
    print(f"isolation here: {status.describe()} (uid {os.geteuid()})")
    if not status.strict:
        print("no strict sandbox on this machine: nothing to compare")
        return
    plain, strict = [], []
    rounds = 4
    for _ in range(rounds):  # alternated, so drift in the machine's load hits both alike
        plain += _starts_elsewhere(args.starts // rounds)
        strict += _starts_here(args.starts // rounds)
    p_med, s_med = statistics.median(plain), statistics.median(strict)
    print(f"worker start, limits only : median {p_med * 1000:6.1f} ms (n={len(plain)})")
    print(f"worker start, strict      : median {s_med * 1000:6.1f} ms (n={len(strict)})")
    print(f"strict adds               : {(s_med - p_med) * 1000:6.1f} ms per worker "
          "(budget 30 ms)")
    if args.checks:
        cold_plain, cold_strict = [], []
        for _ in range(args.checks):
            cold_plain += cold_checks(False, 1)
            cold_strict += cold_checks(True, 1)
        c_plain, c_strict = statistics.median(cold_plain), statistics.median(cold_strict)
        print(f"cold grader check, limits only: median {c_plain:.2f} s (n={args.checks})")
        print(f"cold grader check, strict     : median {c_strict:.2f} s (n={args.checks})")
        print(f"strict / limits only          : {c_strict / c_plain:.3f} (budget 1.10)")


if __name__ == "__main__":
    main()
