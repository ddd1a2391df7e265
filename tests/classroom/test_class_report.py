"""The class report from a gradebook written here: its numbers match the records, the HTML
is self-contained with inline SVG and escapes what students wrote, and `grader report`
prints it and writes report.md and report.html."""

from __future__ import annotations

import json
from fractions import Fraction

from grader.classroom.class_report import build_report, report_html, report_markdown
from grader.cli import main

from .test_exports import SCRIPT, grade_record, standings_of, write_class


def test_report_numbers_match_the_records(tmp_path):
    report = build_report(standings_of(write_class(tmp_path / "week3")))
    assert report.students == 7 and report.max_points == 9 and report.late == 1
    ex04, ex20 = report.exercises
    assert (ex04.exercise, ex04.submitted, ex04.passed) == ("04", 4, 3)
    assert ex04.not_gradable == {"syntax_error": 1} and ex04.common_failure is None
    assert (ex20.submitted, ex20.passed, ex20.pass_rate) == (5, 2, Fraction(2, 7))
    rates = {c.name: (c.passed, c.ran) for c in ex20.checks}
    assert rates == {"keeps the order": (3, 5), "hidden promise": (4, 5),
                     "released after the due date": (3, 5)}
    # s002 and s006 fail "keeps the order"; s002 and x999 the after-due check: a tie goes
    # to the check listed first
    failure = ex20.common_failure
    assert (failure.check, failure.students) == ("keeps the order", 2)
    assert failure.counterexample["call"] == "drop_keys({'a': 0}, [])"
    # final percents: 100, 0, 0 (missing), 80 (late), 0 (never graded), 81.5, 37
    assert report.histogram == (3, 0, 0, 1, 0, 0, 0, 0, 2, 1)
    assert report.not_submitted == (("s003", "王芳", ("04", "20")),
                                    ("s005", "=HYPERLINK(1)", ("04", "20")),
                                    ("x999", "Not Listed", ("04",)))


def test_the_most_common_failure_shows_its_smallest_counterexample(tmp_path):
    folder = write_class(tmp_path / "week3")
    with (folder / "gradebook.jsonl").open("a", encoding="utf-8") as log:
        record = grade_record("s005", "", "20", failing={"keeps the order"})
        record["checks"][0]["counterexample"] = {"call": "f({})", "expected": "1", "got": SCRIPT}
        log.write(json.dumps(record) + "\n")
    report = build_report(standings_of(folder))
    failure = report.exercises[1].common_failure
    assert failure.students == 3 and failure.counterexample["call"] == "f({})"
    page = report_html(report)
    assert "<script" not in page and "&lt;script&gt;alert" in page
    assert "http" not in page and "src=" not in page and page.count("<svg") == 2
    assert "0–10%: 2" in page  # s005 now has 5 points of 9: one fewer student under 10%
    markdown = report_markdown(report)
    assert "failed by 3 of 7 students" in markdown and "- s003 王芳: all" in markdown


def test_report_command_writes_markdown_and_html(tmp_path, capsys):
    folder = write_class(tmp_path / "week3")
    assert main(["report", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "keeps the order (2)" in out and "did not submit" in out
    html = (folder / "report.html").read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>") and "Removing dict keys" in html
    assert "## Did not submit" in (folder / "report.md").read_text(encoding="utf-8")


def test_report_command_without_a_gradebook_says_what_to_run(tmp_path, capsys):
    folder = write_class(tmp_path / "week3")
    (folder / "gradebook.jsonl").unlink()
    assert main(["report", str(folder)]) == 2
    err = capsys.readouterr().err
    assert "run `grader grade" in err and err.count("\n") == 1
    assert not (folder / "report.md").exists()
