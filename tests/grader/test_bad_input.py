"""Broken submissions get one clear message in the learner's terms, never a traceback."""

from __future__ import annotations

import pytest

from grader.exercise import get_exercise
from grader.judge.runner import grade

EX20 = get_exercise("20")


@pytest.mark.parametrize(("source", "status", "expected_words", "line"), [
    ("def drop_keys(d, keys)\n    return d\n", "error", ["exercise_20.py, line 1", "expected ':'"],
     1),
    ("", "error", ["is empty", "grader reset"], None),
    ("   \n\n", "error", ["is empty"], None),
    ("x = 1\n", "error", ["`drop_keys` is not defined", "drop_keys(d, keys)"], None),
    ("def drop_keys(d):\n    return d\n", "error",
     ["drop_keys(d)", "cannot be called as the exercise calls it"], None),
    ("drop_keys = 3\n", "error", ["should be a function"], None),
    ("import nonexistent_module_xyz\n", "error",
     ["ModuleNotFoundError", "nonexistent_module_xyz", "exercise_20.py, line 1"], 1),
    ("x = 1\nraise RuntimeError('boom at import')\n", "error",
     ["RuntimeError: boom at import", "line 2"], 2),
    ("while True:\n    pass\n", "error", ["did not finish within 2 s"], None),
    ("def drop_keys(d, keys):\n    return [1, 2]\n", "fail",
     ["should be a dict, but it is list"], None),
])
def test_each_broken_submission_gets_a_clear_verdict(zygote, quick_cfg, write_submission,
                                                     source, status, expected_words, line):
    verdict = grade(EX20, write_submission(source), zygote, quick_cfg)
    assert verdict.status == status
    text = verdict.message + " ".join(c.message for c in verdict.checks)
    for words in expected_words:
        assert words in text
    assert "Traceback" not in text and "grader/" not in text
    if line is not None:
        assert verdict.line == line


def test_a_file_that_is_not_utf8_names_the_line(zygote, quick_cfg, write_submission):
    source = b"# ok\n# still ok\nname = '" + "é".encode("latin-1") + b"'\n"
    verdict = grade(EX20, write_submission(source), zygote, quick_cfg)
    assert verdict.status == "error"
    assert "not UTF-8" in verdict.message and "line 3" in verdict.message
    assert verdict.line == 3


def test_a_missing_file_is_an_error_not_a_crash(zygote, quick_cfg, tmp_path):
    verdict = grade(EX20, tmp_path / "exercise_20.py", zygote, quick_cfg)
    assert verdict.status == "error" and "cannot read" in verdict.message
