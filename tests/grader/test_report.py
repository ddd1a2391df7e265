"""The two output formats: rich text for people, results.json v3 for programs."""

from __future__ import annotations

import io

from rich.console import Console

from grader.report import JSON_OUTPUT_CAP, print_verdict, to_results_json
from grader.verdict import CheckResult, Counterexample, Verdict


def _verdict() -> Verdict:
    return Verdict(
        exercise_id="20", submission="exercise_20.py", status="fail",
        message="1 of 2 checks failed", seed=2020, hypothesis_version="6.x",
        grader_version="0.1.0",
        checks=[CheckResult("keeps order", "pass", output="hello"),
                CheckResult("ignores missing keys", "fail", "drop_keys raised KeyError: 'z'",
                            Counterexample("drop_keys({'a': 1}, ['z'])", None, "KeyError: 'z'"),
                            output="x" * 2000)])


def test_json_caps_output_with_a_visible_note_and_keeps_reproduction_data():
    document = to_results_json(_verdict())
    assert document["version"] == 3 and document["status"] == "fail"
    assert document["message"] is None  # v3: the top-level message is for errors only
    failing = document["tests"][1]
    assert failing["output"].startswith("x" * JSON_OUTPUT_CAP)
    assert "[output truncated: 2000 characters in all]" in failing["output"]
    assert document["tests"][0]["output"] == "hello"
    assert document["seed"] == 2020 and document["hypothesis_version"] == "6.x"


def test_text_shows_the_failing_check_and_its_counterexample_table():
    buffer = io.StringIO()
    print_verdict(Console(file=buffer, width=80, color_system=None), _verdict())
    text = buffer.getvalue()
    assert "✘ ignores missing keys" in text and "✔ keeps order" in text
    assert "call" in text and "drop_keys({'a': 1}, ['z'])" in text
    assert "got" in text and "KeyError: 'z'" in text
    assert "1 of 2 checks failed" in text


def test_an_error_verdict_says_it_cannot_grade():
    buffer = io.StringIO()
    verdict = Verdict("20", "exercise_20.py", "error", "exercise_20.py, line 3: invalid syntax")
    print_verdict(Console(file=buffer, width=80, color_system=None), verdict)
    assert "cannot grade this file" in buffer.getvalue()
    assert to_results_json(verdict)["message"].endswith("invalid syntax")
