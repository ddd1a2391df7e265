"""The table of output formats (grader.report.FORMATS): every format `grader check` offers is
a row there, and the `github` row is what GitHub Classroom's reporter reads as points."""

from __future__ import annotations

import base64
import io
import json
import re
from dataclasses import replace

import pytest

import grader.exercise
from grader.cli import build_parser
from grader.exercise import CheckMeta, get_exercise
from grader.report import FORMATS, ReportOptions, write_report
from grader.verdict import CheckResult, Verdict
from tests.grader.test_cli import run

EX20 = get_exercise("20")


def _decode(line: str) -> dict:
    name, _, encoded = line.strip().partition("=")
    assert name == "result"  # a line for $GITHUB_OUTPUT: the step's `result` output
    return json.loads(base64.b64decode(encoded))


def test_check_offers_exactly_the_formats_in_the_table(capsys):
    with pytest.raises(SystemExit):
        build_parser().parse_args(["check", "--help"])
    offered = re.search(r"--format \{([^}]*)\}", capsys.readouterr().out).group(1)
    assert set(offered.split(",")) == set(FORMATS)


@pytest.fixture
def workspace(tmp_path):
    assert run("init", "ws", cwd=tmp_path).returncode == 0
    root = tmp_path / "ws"
    (root / "grader.yaml").write_text("CHECK:\n  MAX_EXAMPLES: 20\n", encoding="utf-8")
    return root


def test_github_output_decodes_to_full_points_for_a_correct_file_and_fewer_for_a_wrong_one(
        workspace):
    total = len(EX20.checks())
    target = workspace / "exercise_20.py"
    target.write_text(EX20.reference.read_text(encoding="utf-8"), encoding="utf-8")
    right = run("check", "exercise_20.py", "--format", "github", cwd=workspace)
    assert right.returncode == 0
    document = _decode(right.stdout)
    assert document["version"] == 1 and document["status"] == "pass"
    assert document["max_score"] == total
    assert sum(t["score"] for t in document["tests"]) == total
    target.write_text((EX20.folder / "wrong" / "pop_missing_raises.py").read_text(),
                      encoding="utf-8")
    wrong = run("check", "exercise_20.py", "--format", "github", cwd=workspace)
    assert wrong.returncode == 1
    document = _decode(wrong.stdout)
    assert document["status"] == "fail" and document["max_score"] == total
    failing = [t for t in document["tests"] if t["status"] == "fail"]
    assert failing and all(t["score"] == 0 and t["message"] for t in failing)
    assert sum(t["score"] for t in document["tests"]) == total - len(failing)


def test_github_points_follow_weights_hide_hidden_details_and_count_errors_as_zero(
        monkeypatch):
    names = [spec.name for spec in EX20.checks()]
    weighted = replace(EX20, check_meta={names[0]: CheckMeta(weight=3.0, visibility="hidden")})
    monkeypatch.setattr(grader.exercise, "get_exercise", lambda _: weighted)
    failed = Verdict("20", "exercise_20.py", "fail", checks=[
        CheckResult(names[0], "fail", "the secret detail"),
        *[CheckResult(name, "pass") for name in names[1:]]])
    broken = Verdict("20", "other.py", "error", "SyntaxError: invalid syntax", line=3)
    out = io.StringIO()
    write_report("github", [failed, broken], out)
    document = _decode(out.getvalue())
    worth = 3.0 + len(names) - 1
    assert document["max_score"] == 2 * worth and document["status"] == "error"
    hidden = document["tests"][0]
    assert hidden["max_score"] == 3.0 and hidden["score"] == 0 and hidden["message"] is None
    assert sum(t["score"] for t in document["tests"]) == len(names) - 1
    assert document["tests"][-1] == {"name": "exercise 20", "status": "error", "score": 0,
                                     "max_score": worth,
                                     "message": "SyntaxError: invalid syntax", "line_no": 3}


def test_json_is_one_document_for_one_file_and_a_list_for_check_all():
    verdict = Verdict("20", "exercise_20.py", "pass", checks=[CheckResult("a", "pass")])
    one, many = io.StringIO(), io.StringIO()
    write_report("json", [verdict], one)
    write_report("json", [verdict], many, ReportOptions(many=True))
    assert json.loads(one.getvalue())["status"] == "pass"
    assert [d["status"] for d in json.loads(many.getvalue())] == ["pass"]
