"""`grader grade` on a small synthetic class: every pair recorded with the verdict the file
deserves, the same verdicts as `grader check`, resumable, survives hostile students and its
own processes dying, and runs as an unprivileged user."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import types
from collections import Counter
from pathlib import Path

from grader.classroom.assignment import load_assignment
from grader.classroom.gradebook import latest_records, read_gradebook
from grader.classroom.grading import ClassGrader, plan_class
from grader.classroom.submissions import collect
from grader.classroom.synthetic import write_example_class
from grader.cli import main
from grader.exercise import get_exercise
from grader.judge.runner import grade

from .class_setup import QUICK, make_assignment, world_readable_dir

EXERCISES = ["20", "24"]
DUE = "LATE:\n  DUE: '2026-12-01T23:59:00+00:00'\n  PENALTY_PER_DAY: 0.1\n  CUTOFF_DAYS: 2\n"
EXPECTED = {"correct": ("graded", "pass"), "wrong": ("graded", "fail"),
            "starter": ("graded", "fail"), "syntax_error": ("syntax_error", "error"),
            "import_crash": ("import_error", "error"), "missing": ("missing", None)}
GRADER = [sys.executable, "-c", "import sys; from grader.cli import main; sys.exit(main())"]


def _grade_argv(folder: Path, made) -> list[str]:
    return ["grade", str(folder), str(made.submissions), "--roster", str(made.roster),
            "--timestamps", str(made.timestamps), "--jobs", "2",
            # Only lifts the refusal where strict isolation is missing (tested on its own
            # below); the grading runs under the best sandbox this machine has either way.
            "--unsafe-no-sandbox",
            *[x for pair in zip(QUICK[0::2], QUICK[1::2], strict=True) for x in ("--set", *pair)]]


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_a_class_is_graded_as_each_file_deserves_and_resumes(zygote, capsys):
    with world_readable_dir() as root:
        folder = make_assignment(root / "week3", EXERCISES, extra=DUE)
        made = write_example_class(root / "class", tuple(EXERCISES), students=6, seed=1)
        assert main(_grade_argv(folder, made)) == 0
        out = capsys.readouterr().out
        assert "week3" in out and "mean total" in out
        records = _lines(folder / "gradebook.jsonl")
        assert len(records) == 12  # 6 roster students x 2 exercises, the last one missing
        for record in records:
            kind = made.kinds.get((record["student"], record["exercise"]), "missing")
            assert (record["status"], record["verdict"]) == EXPECTED[kind], (record, kind)
        assert {r["status"] for r in records} >= {"syntax_error", "import_error", "missing"}
        late = [r for r in records if r["student"] == "s005" and r["file"]]
        assert late and all(r["days_late"] >= 1 for r in late)  # every fifth student is late
        assert all(r["late_penalty"] == round(r["points"] * min(1, 0.1 * r["days_late"])
                                              if r["days_late"] <= 2 else r["points"], 6)
                   for r in late)
        assert {r["name"] for r in records if r["student"] == "s002"} == {"李华"}

        # Same file, same seed, same verdict as `grader check` (a cold, full hypothesis run).
        assignment = load_assignment(folder, QUICK)
        for record in [r for r in records if r["status"] == "graded"][:3]:
            path = made.submissions / Path(record["file"])
            verdict = grade(get_exercise(record["exercise"]), path, zygote, assignment.cfg)
            assert verdict.status == record["verdict"]
            assert [(c.name, c.status, c.counterexample and c.counterexample.call)
                    for c in verdict.checks] == [
                (c["name"], c["status"], c["counterexample"] and c["counterexample"]["call"])
                for c in record["checks"]]

        # A re-run grades nothing; a changed file is graded again, alone.
        assert main(_grade_argv(folder, made)) == 0
        assert len(_lines(folder / "gradebook.jsonl")) == 12
        changed = made.submissions / "s001" / "exercise_20.py"
        changed.write_text(get_exercise("20").reference.read_text(encoding="utf-8") + "# v2\n",
                           encoding="utf-8")
        assert main(_grade_argv(folder, made)) == 0
        records = _lines(folder / "gradebook.jsonl")
        assert len(records) == 13
        assert (records[-1]["student"], records[-1]["exercise"], records[-1]["verdict"]) == (
            "s001", "20", "pass")
        assert latest_records(records)[("s001", "20")] is records[-1]


def test_a_killed_run_loses_nothing_and_grades_nothing_twice():
    with world_readable_dir() as root:
        folder = make_assignment(root / "week3", EXERCISES)
        made = write_example_class(root / "class", tuple(EXERCISES), students=6, seed=2)
        # The last file graded loops until its timeouts: the kill always lands mid-run.
        (made.submissions / "s005" / "exercise_24.py").write_text(
            "def append_records(path, records):\n    while True:\n        pass\n"
            "def read_records(path, skip_invalid=False):\n    while True:\n        pass\n",
            encoding="utf-8")
        made.kinds[("s005", "24")] = "wrong"
        argv = [*GRADER, *_grade_argv(folder, made)]
        argv[argv.index("--jobs") + 1] = "1"
        gradebook = folder / "gradebook.jsonl"
        run = subprocess.Popen(argv, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                               start_new_session=True)
        try:
            missing = sum(1 for kind in made.kinds.values() if kind == "missing") + 2
            deadline = time.monotonic() + 120
            while time.monotonic() < deadline and run.poll() is None:
                if gradebook.exists() and len(gradebook.read_bytes().splitlines()) >= missing + 1:
                    break
                time.sleep(0.05)
        finally:
            os.killpg(run.pid, signal.SIGKILL)
            run.wait()
        before = read_gradebook(gradebook)
        assert 0 < len(before) < 12, "the run should be killed half-way"
        assert subprocess.run(argv, capture_output=True, timeout=300).returncode == 0
        after = read_gradebook(gradebook)
        assert after[:len(before)] == before  # nothing finished was lost
        pairs = Counter((r["student"], r["exercise"]) for r in after)
        assert len(pairs) == 12 and set(pairs.values()) == {1}  # each pair exactly once


HOSTILE = {
    "loop": "import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
            "def drop_keys(d, keys):\n    while True:\n        pass\n",
    "forkbomb": "import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n"
                "        pass\n",
    "memory": "hog = []\nwhile True:\n    hog.append(bytearray(50 * 2**20))\n",
    "noisy": "import sys\nfor _ in range(2000):\n    sys.stdout.write('x' * 50000)\n"
             "def drop_keys(d, keys):\n    print('y' * 10**6)\n"
             "    return {k: v for k, v in d.items() if k not in keys}\n",
    "abort": "import os\nos.abort()\n",
}


def test_hostile_students_cost_their_limits_and_never_stop_the_batch():
    with world_readable_dir() as root:
        folder = make_assignment(root / "week3", ["20"],
                                 extra="SANDBOX:\n  MEMORY_MB: 512\n  PROCESSES: 32\n")
        subs = root / "subs"
        for student, source in {**HOSTILE, "honest": get_exercise("20").reference.read_text(
                encoding="utf-8")}.items():
            (subs / student).mkdir(parents=True)
            (subs / student / "exercise_20.py").write_text(source, encoding="utf-8")
        subprocess.run(["chmod", "-R", "a+rX", str(root)], check=True)
        assert main(["grade", str(folder), str(subs), "--jobs", "2", "--unsafe-no-sandbox",
                     *[x for p in zip(QUICK[0::2], QUICK[1::2], strict=True)
                       for x in ("--set", *p)]]) == 0
        latest = latest_records(read_gradebook(folder / "gradebook.jsonl"))
        assert set(latest) == {(s, "20") for s in [*HOSTILE, "honest"]}
        assert latest[("honest", "20")]["verdict"] == "pass"
        assert all(latest[(s, "20")]["verdict"] != "pass" for s in HOSTILE)
        assert latest[("loop", "20")]["status"] == "graded"
        assert all("did not return within" in c["message"]
                   for c in latest[("loop", "20")]["checks"])
        assert all(len(c["output"]) <= 5000 for r in latest.values() for c in r["checks"])


def test_a_dying_grading_process_is_replaced_and_its_file_recorded_as_crashed():
    with world_readable_dir() as root:
        folder = make_assignment(root / "week3", ["20"])
        source = get_exercise("20").reference.read_bytes()
        for student in ("x", "y"):
            (root / "subs" / student).mkdir(parents=True)
            (root / "subs" / student / "exercise_20.py").write_bytes(source)
        assignment = load_assignment(folder, QUICK)
        found = collect([root / "subs"], assignment.exercises, assignment.name)
        grader = ClassGrader(assignment, QUICK, {}, jobs=1,
                             grade_fn="tests.classroom.class_setup.die_for_student_x")
        records = grader.run(plan_class(assignment, found, None))
        by_student = {r["student"]: r for r in records}
        assert by_student["x"]["status"] == "crashed" and by_student["x"]["final_points"] == 0
        assert by_student["y"]["verdict"] == "pass"
        assert grader.tries[("x", "20")] == 2


def test_a_file_disturbed_beside_others_is_graded_again_alone_and_recorded_once():
    with world_readable_dir() as root:
        folder = make_assignment(root / "week3", ["20"])
        source = get_exercise("20").reference.read_bytes()
        for student in ("y", "z"):
            (root / "subs" / student).mkdir(parents=True)
            (root / "subs" / student / "exercise_20.py").write_bytes(source)
        assignment = load_assignment(folder, QUICK)
        found = collect([root / "subs"], assignment.exercises, assignment.name)
        grader = ClassGrader(assignment, QUICK, {}, jobs=2,
                             grade_fn="tests.classroom.class_setup.disturbed_once_for_student_z")
        grader.run(plan_class(assignment, found, None))
        assert (root / "subs" / "z-was-disturbed").exists()  # it was disturbed the first time
        records = read_gradebook(folder / "gradebook.jsonl")
        assert sorted((r["student"], r["verdict"]) for r in records) == [("y", "pass"),
                                                                         ("z", "pass")]


def test_grading_as_an_unprivileged_user():
    with world_readable_dir() as root:
        folder = make_assignment(root / "week3", ["20"])
        made = write_example_class(root / "class", ("20",), students=3, seed=3)
        argv = [*GRADER, *_grade_argv(folder, made)]
        env = {**os.environ, "HOME": str(root)}
        if os.geteuid() == 0:  # CI runs as root: run it as `nobody`, as a teacher would not be
            os.chmod(folder, 0o777)
            argv = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *argv]
        done = subprocess.run(argv, capture_output=True, text=True, timeout=300, env=env,
                              cwd=root)
        assert done.returncode == 0, done.stderr[-2000:]
        records = read_gradebook(folder / "gradebook.jsonl")
        assert len(records) == 3
        for record in records:
            kind = made.kinds.get((record["student"], record["exercise"]), "missing")
            assert (record["status"], record["verdict"]) == EXPECTED[kind]


def test_grading_refuses_without_strict_isolation_unless_told(monkeypatch, capsys):
    fake = types.ModuleType("grader.sandbox.isolation")
    fake.isolation_status = lambda: types.SimpleNamespace(
        mode="limits-only", reason="kernel.unprivileged_userns_clone=0")
    monkeypatch.setitem(sys.modules, "grader.sandbox.isolation", fake)
    with world_readable_dir() as root:
        folder = make_assignment(root / "week3", ["20"])
        made = write_example_class(root / "class", ("20",), students=2, seed=4)
        argv = _grade_argv(folder, made)
        argv.remove("--unsafe-no-sandbox")
        assert main(argv) == 2
        err = capsys.readouterr().err.strip()
        assert "kernel.unprivileged_userns_clone=0" in err and "--unsafe-no-sandbox" in err
        assert len(err.splitlines()) == 1 and not (folder / "gradebook.jsonl").exists()
        assert main([*argv, "--unsafe-no-sandbox"]) == 0
        assert len(read_gradebook(folder / "gradebook.jsonl")) == 2
