"""The full mutation run: every exercise, its reference and every alternative solution, every
mutant, graded as `grader validate --mutants --all` grades them (one supervisor per process,
each with a warm zygote and recorded examples; grading stops at a mutant's first failing check).

    .venv/bin/python bench/bench_mutants.py [--processes 2] [--out bench/results/mutants_full.txt]
    .venv/bin/python bench/bench_mutants.py --sample 6 [IDS...]   # a quick estimate

Writes the mutation table (weakest exercise first) and the timings: the proofs (references and
solutions pass, starters and wrong variants fail), the mutants, the seconds per mutant and per
exercise, and the machine's core count and load. Target (issue 15): the full run in under
15 minutes on 2 cores; at least 20 non-equivalent mutants per exercise and 95% of them killed.
With ``--sample N`` only N mutants per exercise are graded (chosen as in the test suite) and
the full time is estimated from the seconds per mutant, which the report says.
"""

from __future__ import annotations

import argparse
import io
import os
import platform
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from rich.console import Console  # noqa: E402

from grader.commands.validate import mutation_table  # noqa: E402
from grader.exercise import all_exercises, get_exercise  # noqa: E402
from grader.mutants import (  # noqa: E402
    MIN_MUTANTS,
    MUTATION_TARGET,
    exercise_mutants,
    fixed_sample,
    score_all,
)
from grader.validate import prove_all  # noqa: E402


class TreeCpu:
    """CPU seconds used by this process's pool: its supervisors, their zygotes and workers
    (Linux /proc, sampled twice a second). On a busy machine wall time says little; the CPU
    seconds over 2 are what 2 idle cores would need at least.

    At any instant, the descendants present (zombies too) hold, in their own and their
    reaped children's times, everything the tree used so far: a worker's time moves into its
    zygote's children's time when the zygote reaps it. The largest such sum is the pool's."""

    def __init__(self) -> None:
        import threading

        self.best = 0.0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeCpu:
        self.thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.stop.set()
        self.thread.join()

    def _run(self) -> None:
        while not self.stop.wait(0.5):
            self.best = max(self.best, self.snapshot())

    @staticmethod
    def snapshot() -> float:
        tick = os.sysconf("SC_CLK_TCK")
        stats = {}
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except (OSError, IndexError):
                    continue
                stats[int(entry.name)] = fields
        children: dict[int, list[int]] = {}
        for pid, fields in stats.items():
            children.setdefault(int(fields[1]), []).append(pid)
        total, todo = 0, list(children.get(os.getpid(), []))
        while todo:
            pid = todo.pop()
            total += sum(int(x) for x in stats[pid][11:15])  # utime stime cutime cstime
            todo += children.get(pid, [])
        return total / tick


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("ids", nargs="*", help="exercises (default: all)")
    parser.add_argument("--processes", type=int, default=2)
    parser.add_argument("--sample", type=int, help="grade only this many mutants per exercise")
    parser.add_argument("--out", type=Path, help="where to write the report (default: "
                        "bench/results/mutants_full.txt, or mutants_sample.txt with --sample)")
    args = parser.parse_args()
    exercises = ([get_exercise(i) for i in args.ids] if args.ids
                 else sorted(all_exercises().values(), key=lambda e: e.id))
    name = "mutants_sample.txt" if args.sample else "mutants_full.txt"
    out = args.out or REPO / "bench" / "results" / name

    started = time.perf_counter()
    all_mutants = {e.id: exercise_mutants(e) for e in exercises}
    generated_s = time.perf_counter() - started
    chosen = None
    if args.sample:
        chosen = {e.id: fixed_sample(e, all_mutants[e.id], args.sample) for e in exercises}

    started = time.perf_counter()
    with TreeCpu() as proofs_cpu:
        proofs = prove_all(exercises, [], processes=args.processes)
    proofs_s = time.perf_counter() - started
    started = time.perf_counter()
    done = [0]

    def tick(exercise_id, result) -> None:
        done[0] += 1
        if done[0] % 50 == 0:
            print(f"  {done[0]} mutants graded, {time.perf_counter() - started:.0f} s",
                  file=sys.stderr, flush=True)

    with TreeCpu() as mutants_cpu:
        scores = score_all(exercises, [], processes=args.processes, on_result=tick,
                           mutants=chosen)
    mutants_s = time.perf_counter() - started
    own = os.times()
    cpu_s = own.user + own.system + proofs_cpu.best + mutants_cpu.best
    graded = sum(len(s.results) for s in scores)
    total = sum(len(m) for m in all_mutants.values())

    buffer = io.StringIO()
    console = Console(file=buffer, width=160, color_system=None, highlight=False)
    console.print(mutation_table(scores))
    failed = [p for p in proofs if not p.ok]
    lines = [
        f"bench/bench_mutants.py {' '.join(sys.argv[1:])}".rstrip(),
        f"date: {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; {platform.python_version()}; "
        f"{os.cpu_count()} cores; load average at the end "
        f"{' '.join(f'{x:.1f}' for x in os.getloadavg())}; {args.processes} processes",
        f"exercises: {len(exercises)}; solutions: "
        f"{sum(len(e.solutions) for e in exercises)}; mutants generated: {total} "
        f"(in {generated_s:.1f} s); graded: {graded}",
        f"proofs: {len(proofs)} in {proofs_s:.1f} s; failing: {len(failed)}"
        + "".join(f"\n  {p.exercise_id} {p.subject}: {p.detail}" for p in failed),
        f"mutants: {graded} in {mutants_s:.1f} s ({mutants_s / max(graded, 1):.2f} s each)",
    ]
    lines.append(f"CPU seconds in all: {cpu_s:.0f}")
    if args.sample:
        estimate = proofs_s + mutants_s / max(graded, 1) * total
        lines.append(f"estimated full run (proofs + {total} mutants at the sampled rate): "
                     f"{estimate / 60:.1f} min")
    else:
        lines.append(f"full run (proofs + mutants): {(proofs_s + mutants_s) / 60:.1f} min "
                     "wall (target: under 15 min on 2 cores)")
        lines.append(f"CPU used by the run (this process, its supervisors, their zygotes and "
                     f"workers): {cpu_s / 60:.1f} min, so at least "
                     f"{cpu_s / 120:.1f} min on 2 idle cores")
        under = [s.exercise_id for s in scores if not s.on_target]
        lines.append(f"exercises under target (>= {MIN_MUTANTS} non-equivalent, "
                     f">= {MUTATION_TARGET:.0%} killed): {', '.join(under) or 'none'}")
    slowest = sorted(scores, key=lambda s: -s.seconds)
    lines.append("grading seconds per exercise (summed over both processes), slowest first: "
                 + ", ".join(f"{s.exercise_id} {s.seconds:.0f}" for s in slowest))
    report = "\n".join(lines) + "\n\n" + buffer.getvalue()
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(report, encoding="utf-8")
    print(report)
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
