"""`grader grade` on Dask: throughput on 1 and 2 Dask workers against local mode, from one run.

    .venv/bin/python bench/bench_cluster.py [--students 10] [--exercises 09,15,18,20,21,24]

Builds a synthetic class (`grader.classroom.synthetic`), then grades it three times from an
empty gradebook: local mode (`--jobs 1`, one pool process), a Dask LocalCluster of 1 worker
process, and one of 2 (each worker `--nthreads 1`, as the README recommends). Cluster start-up
(and each worker's first torch import) is timed apart from grading: a real cluster stays up.
Prints files per second for each, the scaling efficiency (2 workers / (2 x 1 worker)) and the
per-task overhead Dask adds over local mode ((1-worker time - local time) / files). On a 2-core
machine the 2-worker figure is capped by the cores, not by Dask.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

GRADER = str(Path(sys.executable).parent / "grader")


def grade(folder: Path, made, extra: list[str]) -> tuple[float, int]:
    """Seconds to grade the class into a fresh gradebook, and how many files were graded."""
    (folder / "gradebook.jsonl").unlink(missing_ok=True)
    started = time.perf_counter()
    done = subprocess.run([GRADER, "grade", str(folder), str(made.submissions), "--roster",
                           str(made.roster), "--timestamps", str(made.timestamps), *extra],
                          capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"grader grade failed: {done.stderr[-2000:]}")
    lines = (folder / "gradebook.jsonl").read_text(encoding="utf-8").splitlines()
    graded = sum('"status": "missing"' not in line for line in lines)
    return seconds, graded


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=10)
    parser.add_argument("--exercises", default="09,15,18,20,21,24")
    args = parser.parse_args()
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from distributed import LocalCluster

    from grader.classroom.assignment import assignment_yaml
    from grader.classroom.synthetic import write_example_class

    exercises = tuple(args.exercises.split(","))
    with tempfile.TemporaryDirectory(prefix="bench-cluster-") as tmp:
        root = Path(tmp)
        root.chmod(0o755)
        made = write_example_class(root / "class", exercises, students=args.students)
        folder = root / "course"
        folder.mkdir()
        (folder / "assignment.yaml").write_text(
            assignment_yaml("course", list(exercises), [10.0] * len(exercises), None),
            encoding="utf-8")
        rows = []
        local_s, files = grade(folder, made, ["--jobs", "1"])
        rows.append(("local, 1 process", local_s, files))
        for workers in (1, 2):
            started = time.perf_counter()
            with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                              dashboard_address=None) as cluster:
                up_s = time.perf_counter() - started
                seconds, files = grade(folder, made, ["--cluster", cluster.scheduler_address])
            rows.append((f"Dask, {workers} worker(s) (cluster up in {up_s:.1f} s)", seconds,
                         files))
    print(f"{args.students} students x {len(exercises)} exercises ({files} files graded)")
    for label, seconds, graded in rows:
        print(f"  {label:<44} {seconds:7.1f} s   {graded / seconds:5.2f} files/s")
    one, two = rows[1][1], rows[2][1]
    print(f"scaling efficiency (2 workers / 2 x 1 worker): {(files / two) / (2 * files / one):.2f}")
    print(f"Dask's overhead per task over local mode: {(one - local_s) / files * 1000:.0f} ms "
          "(includes each worker's first torch import and recording its examples)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
