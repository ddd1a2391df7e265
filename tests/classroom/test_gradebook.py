"""The gradebook: append-only, a torn or corrupt line skipped with a warning, latest wins."""

from __future__ import annotations

from grader.classroom.gradebook import append_record, latest_records, read_gradebook


def test_a_torn_line_is_skipped_with_a_warning_and_the_next_record_stays_whole(tmp_path):
    path = tmp_path / "gradebook.jsonl"
    append_record(path, student="s001", exercise="20", final_points=1.5)
    with open(path, "ab") as handle:
        handle.write(b'{"v": 1, "event": "grade", "student": "s00')  # killed mid-write
    append_record(path, student="s002", exercise="20", final_points=2.0)
    warnings: list[str] = []
    records = read_gradebook(path, warnings.append)
    assert [r["student"] for r in records] == ["s001", "s002"]
    assert len(warnings) == 1 and "line 2" in warnings[0]
    assert path.read_bytes().count(b"\n") == 3  # nothing rewritten; the torn line kept alone


def test_latest_record_per_student_and_exercise_wins(tmp_path):
    path = tmp_path / "gradebook.jsonl"
    append_record(path, student="s001", exercise="20", final_points=1.0)
    append_record(path, student="s001", exercise="24", final_points=3.0)
    append_record(path, student="s001", exercise="20", final_points=2.0)
    latest = latest_records(read_gradebook(path))
    assert {key: r["final_points"] for key, r in latest.items()} == {("s001", "20"): 2.0,
                                                                    ("s001", "24"): 3.0}
    assert all(r["event"] == "grade" and r["v"] == 1 and r["at"] for r in latest.values())
