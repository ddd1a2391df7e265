"""The progress log appends whole records and reads past damage without rewriting it."""

from __future__ import annotations

import json

import pytest

from grader.progress import ProgressLog, ProgressLogError


def test_append_writes_one_versioned_utc_record_per_line(tmp_path):
    log = ProgressLog(tmp_path / "progress.jsonl")
    log.append("check", exercise="20", status="pass")
    log.append("hint", exercise="20", level=1)
    lines = (tmp_path / "progress.jsonl").read_text().splitlines()
    assert [json.loads(line)["event"] for line in lines] == ["check", "hint"]
    assert all(json.loads(line)["v"] == 1 for line in lines)
    assert json.loads(lines[0])["at"].endswith("+00:00")


def test_a_torn_line_is_skipped_with_a_warning_and_never_rewritten(tmp_path):
    path = tmp_path / "progress.jsonl"
    log = ProgressLog(path)
    log.append("check", exercise="20", status="fail")
    with open(path, "ab") as handle:
        handle.write(b'{"v": 1, "event": "che')  # a writer died mid-line
    before = path.read_bytes()
    warnings = []
    assert [r["event"] for r in log.read(warnings.append)] == ["check"]
    assert warnings == [f"{path}, line 2: not a progress record, skipped"]
    assert path.read_bytes() == before
    log.append("check", exercise="20", status="pass")
    assert [r["status"] for r in log.read(warnings.append)] == ["fail", "pass"]


def test_a_log_that_is_a_directory_is_a_clear_error(tmp_path):
    (tmp_path / "progress.jsonl").mkdir()
    with pytest.raises(ProgressLogError, match="is a directory"):
        ProgressLog(tmp_path / "progress.jsonl").append("check")
