"""Writers killed with SIGKILL mid-append never cost an acknowledged record or corrupt others."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time

from grader.progress import ProgressLog

WRITER = """
import sys
from pathlib import Path
from grader.progress import ProgressLog
log = ProgressLog(Path(sys.argv[1]))
name = sys.argv[2]
for i in range(100000):
    log.append("check", exercise="20", writer=name, n=i, pad="x" * (i % 700))
    print(f"{name} {i}", flush=True)
"""


def test_killed_writers_lose_no_acknowledged_record(tmp_path):
    path = tmp_path / "progress.jsonl"
    acked: set[tuple[str, int]] = set()
    total_written = 0
    round_number = 0
    while total_written < 1000:
        round_number += 1
        writers = [subprocess.Popen([sys.executable, "-c", WRITER, str(path),
                                     f"w{round_number}-{k}"], stdout=subprocess.PIPE, text=True)
                   for k in range(3)]
        time.sleep(0.4 + 0.1 * (round_number % 3))
        for writer in writers:
            os.kill(writer.pid, signal.SIGKILL)
        for writer in writers:
            out, _ = writer.communicate()
            for line in out.splitlines():
                name, n = line.split()
                acked.add((name, int(n)))
        total_written = len(acked)
    warnings: list[str] = []
    records = ProgressLog(path).read(warnings.append)
    present = {(r["writer"], r["n"]) for r in records}
    assert acked <= present, f"lost {len(acked - present)} acknowledged records"
    # Damage, if any, is at most one torn line per killed writer, and every other line parses.
    assert len(warnings) <= 3 * round_number
    per_writer: dict[str, list[int]] = {}
    for r in records:
        per_writer.setdefault(r["writer"], []).append(r["n"])
    assert all(ns == sorted(ns) for ns in per_writer.values())
