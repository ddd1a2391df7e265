"""Grading on a Dask cluster (a LocalCluster of 2 worker processes): the same verdicts as local
grading, a worker killed mid-run changes nothing, and a worker of another version is refused
with both versions named."""

from __future__ import annotations

import hashlib
import os
import signal
import threading
from pathlib import Path

import pytest

from grader.checker import Checker
from grader.classroom.cluster import ClusterError, ClusterJob, grade_on_cluster
from grader.config import load_config
from grader.exercise import get_exercise

OPTS = ["CHECK.MAX_EXAMPLES", "25"]
distributed = pytest.importorskip("distributed")  # the test extra installs it


def _jobs(ids=("20", "09"), wrong_per_exercise=3) -> list[ClusterJob]:
    jobs = []
    for exercise_id in ids:
        exercise = get_exercise(exercise_id)
        files = [exercise.reference, *(w.file for w in exercise.wrong[:wrong_per_exercise])]
        for index, path in enumerate(files):
            source = path.read_bytes()
            jobs.append(ClusterJob(f"s{index}-{exercise_id}", exercise_id, exercise.file_name,
                                   source, hashlib.sha256(source).hexdigest()))
    return jobs


def _summary(verdict) -> tuple:
    return (verdict.status, verdict.error_kind,
            [(c.name, c.status, c.counterexample) for c in verdict.checks])


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as local:
        yield local


def test_a_cluster_gives_the_same_verdicts_as_local_grading(cluster):
    jobs = _jobs()
    answers = {}
    grade_on_cluster(cluster.scheduler_address, jobs, OPTS,
                     on_result=lambda job, verdict, worker: answers.update({job.key: verdict}),
                     say=lambda text: None)
    assert sorted(answers) == sorted(job.key for job in jobs)
    cfg = load_config(None, OPTS)
    with Checker(preload=("torch",)) as local:
        for job in jobs:
            here = local.check(get_exercise(job.exercise_id), Path(job.file_name), cfg,
                               source=job.source)
            assert _summary(answers[job.key]) == _summary(here), job.key
    assert sum(v.passed for v in answers.values()) == 2


def test_a_worker_killed_mid_run_changes_nothing(cluster):
    jobs = _jobs(("20", "24"), wrong_per_exercise=5)
    client = distributed.Client(cluster.scheduler_address, set_as_default=False)
    pids = list(client.run(os.getpid).values())
    client.close()
    seen: dict[str, list] = {}
    killed = threading.Event()

    def on_result(job, verdict, worker):
        seen.setdefault(job.key, []).append(verdict)
        if not killed.is_set():  # the first answer is back: kill a worker while others run
            killed.set()
            os.kill(pids[0], signal.SIGKILL)

    grade_on_cluster(cluster.scheduler_address, jobs, OPTS, on_result=on_result,
                     say=lambda text: None)
    assert killed.is_set()
    assert sorted(seen) == sorted(job.key for job in jobs)
    assert all(len(answers) == 1 and answers[0] is not None for answers in seen.values())
    cfg = load_config(None, OPTS)
    with Checker(preload=("torch",)) as local:
        for job in jobs:
            here = local.check(get_exercise(job.exercise_id), Path(job.file_name), cfg,
                               source=job.source)
            assert _summary(seen[job.key][0]) == _summary(here), job.key


def test_a_worker_of_another_version_is_refused(tmp_path):
    preload = tmp_path / "other_version.py"
    preload.write_text("import grader\ngrader.__version__ = '0.0.1-other'\n", encoding="utf-8")
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None, preload=[str(preload)]) as other:
        with pytest.raises(ClusterError) as raised:
            grade_on_cluster(other.scheduler_address, _jobs(("20",), 1), OPTS,
                             on_result=lambda *a: None, say=lambda text: None)
    message = str(raised.value)
    assert "0.0.1-other" in message and "0.1.0" in message and "\n" not in message


def test_no_scheduler_is_one_clear_line():
    with pytest.raises(ClusterError, match="cannot reach the Dask scheduler at tcp://127.0.0.1:9"):
        grade_on_cluster("tcp://127.0.0.1:9", [], OPTS, on_result=lambda *a: None,
                         connect_timeout=2)


def _comparable(record: dict) -> dict:
    """A gradebook record without what differs between two runs of the same grading."""
    return {k: v for k, v in record.items() if k not in ("at", "duration_s", "worker")}


def test_grader_grade_on_a_cluster_writes_the_same_gradebook_as_local_mode(cluster):
    import json
    import subprocess
    import sys

    from grader.classroom.synthetic import write_example_class
    from tests.classroom.class_setup import QUICK, make_assignment, world_readable_dir

    grader = str(Path(sys.executable).parent / "grader")
    with world_readable_dir() as root:
        made = write_example_class(root / "class", ("20", "09"), students=6, seed=3)
        books = {}
        for mode, extra in (("local", ["--jobs", "2"]),
                            ("cluster", ["--cluster", cluster.scheduler_address])):
            folder = make_assignment(root / mode, ["20", "09"])
            sets = [item for pair in zip(QUICK[0::2], QUICK[1::2], strict=True)
                    for item in ("--set", *pair)]
            done = subprocess.run([grader, "grade", str(folder), str(made.submissions),
                                   "--roster", str(made.roster), "--timestamps",
                                   str(made.timestamps), *sets, *extra],
                                  capture_output=True, text=True, timeout=600)
            assert done.returncode == 0, done.stderr
            lines = (folder / "gradebook.jsonl").read_text(encoding="utf-8").splitlines()
            books[mode] = sorted((json.loads(line) for line in lines),
                                 key=lambda r: (r["student"], r["exercise"]))
        assert len(books["local"]) >= 12
        assert [_comparable(r) | {"assignment": ""} for r in books["local"]] == \
            [_comparable(r) | {"assignment": ""} for r in books["cluster"]]
