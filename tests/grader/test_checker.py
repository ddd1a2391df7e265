"""The one warm checker every front end holds: same verdicts from bytes as from a file, why a
file could not be graded, and a newer check superseding a running one."""

from __future__ import annotations

import threading
import time

import pytest

from grader.channel import Cancelled
from grader.checker import Checker
from grader.exercise import get_exercise

EX20 = get_exercise("20")


@pytest.fixture(scope="module")
def checker():
    with Checker(preload=()) as warm:
        yield warm


def test_bytes_grade_like_the_file_they_came_from(checker, quick_cfg, tmp_path):
    reference = EX20.reference.read_bytes()
    wrong = (EX20.folder / "wrong" / "del_in_place.py").read_bytes()
    for source in (reference, wrong):
        on_disk = tmp_path / "exercise_20.py"
        on_disk.write_bytes(source)
        from_file = checker.check(EX20, on_disk, quick_cfg)
        from_bytes = checker.check(EX20, tmp_path / "elsewhere" / "exercise_20.py", quick_cfg,
                                   source=source)
        assert from_file.status == from_bytes.status
        assert [(c.name, c.status, c.counterexample) for c in from_file.checks] == \
            [(c.name, c.status, c.counterexample) for c in from_bytes.checks]
        assert from_file.submission_sha256 == from_bytes.submission_sha256
    assert from_bytes.status == "fail"


@pytest.mark.parametrize(("source", "kind"), [
    (b"", "empty"),
    (b"def drop_keys(d, keys:\n", "syntax"),
    (b"x = '\xff'\n", "encoding"),
    (b"import no_such_module_here\n", "import"),
    (b"def something_else():\n    pass\n", "missing"),
    (b"while True:\n    pass\n", "timeout"),
])
def test_an_ungradable_file_says_why(checker, quick_cfg, tmp_path, source, kind):
    verdict = checker.check(EX20, tmp_path / "exercise_20.py", quick_cfg, source=source)
    assert verdict.status == "error"
    assert verdict.error_kind == kind


def test_a_passing_verdict_has_no_error_kind(checker, quick_cfg, tmp_path):
    verdict = checker.check(EX20, EX20.reference, quick_cfg)
    assert verdict.passed and verdict.error_kind is None


def test_a_new_check_supersedes_the_running_one(checker, quick_cfg, tmp_path):
    endless = b"def drop_keys(d, keys):\n    while True:\n        pass\n"
    outcome = {}

    def first():
        try:
            outcome["first"] = checker.check(EX20, tmp_path / "exercise_20.py", quick_cfg,
                                             source=endless)
        except Cancelled:
            outcome["first"] = "cancelled"

    thread = threading.Thread(target=first)
    thread.start()
    time.sleep(0.5)  # let it reach the endless call
    second = checker.check(EX20, EX20.reference, quick_cfg, supersede=True)
    thread.join(timeout=30)
    assert outcome["first"] == "cancelled"
    assert second.passed
