"""Submissions in the layouts teachers get, and the inputs that must be refused in one line."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest

from grader.classroom import submissions
from grader.classroom.submissions import SubmissionsError, collect, read_timestamps

EXERCISES = ("20", "24")


def _write(path: Path, text: str = "x = 1\n") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def _zip(entries: dict[str, bytes], flag_utf8: bool = True) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for name, content in entries.items():
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 30, 12, 0, 0))
            zipped.writestr(info, content)
    return buffer.getvalue()


def _pairs(found) -> set[tuple[str, str, str]]:
    return {(f.student_id, f.exercise_id, f.file) for f in found.files}


def test_a_folder_per_student_with_nested_folders(tmp_path):
    _write(tmp_path / "subs" / "s001" / "exercise_20.py")
    _write(tmp_path / "subs" / "s001" / "work" / "exercise_24.py")
    _write(tmp_path / "subs" / "s001" / "old" / "deeper" / "exercise_24.py", "old\n")
    _write(tmp_path / "subs" / "s002" / "exercise_24.py")
    _write(tmp_path / "subs" / "s002" / "notes.txt")
    found = collect([tmp_path / "subs"], EXERCISES, "week3")
    assert _pairs(found) == {("s001", "20", "s001/exercise_20.py"),
                             ("s001", "24", "s001/work/exercise_24.py"),
                             ("s002", "24", "s002/exercise_24.py")}
    assert found.students == ["s001", "s002"]


def test_github_classroom_clones_use_the_username_and_last_commit_time(tmp_path):
    clone = tmp_path / "subs" / "week3-octocat"
    _write(clone / "exercise_20.py")
    env = {**os.environ, "GIT_COMMITTER_DATE": "2026-11-30T10:00:00+00:00",
           "GIT_AUTHOR_DATE": "2026-11-30T10:00:00+00:00"}
    for command in (["init", "-q"], ["add", "."],
                    ["-c", "user.name=o", "-c", "user.email=o@x", "commit", "-qm", "done"]):
        subprocess.run(["git", *command], cwd=clone, env=env, check=True)
    found = collect([tmp_path / "subs"], EXERCISES, "week3")
    (only,) = found.files
    assert only.student_id == "octocat"
    assert only.submitted_at == datetime(2026, 11, 30, 10, tzinfo=UTC)


def test_moodle_folders_and_zips_keep_the_id_and_name(tmp_path):
    subs = tmp_path / "subs"
    _write(subs / "Ada Lovelace_1001_assignsubmission_file_" / "hw" / "exercise_20.py")
    (subs / "李华_1002_assignsubmission_file_.zip").write_bytes(
        _zip({"exercise_24.py": b"y = 2\n"}))
    found = collect([subs], EXERCISES, "week3")
    assert {(f.student_id, f.exercise_id) for f in found.files} == {("1001", "20"),
                                                                   ("1002", "24")}
    assert found.names == {"1001": "Ada Lovelace", "1002": "李华"}
    zipped = next(f for f in found.files if f.student_id == "1002")
    assert zipped.source == b"y = 2\n"
    assert zipped.submitted_at == datetime(2026, 11, 30, 12, tzinfo=UTC)


def test_canvas_flat_files_group_by_user_id(tmp_path):
    _write(tmp_path / "subs" / "lovelaceada_1001_555_exercise_20.py")
    _write(tmp_path / "subs" / "lovelaceada_LATE_1001_556_exercise_24-1.py")
    found = collect([tmp_path / "subs"], EXERCISES, "week3")
    assert {(f.student_id, f.exercise_id) for f in found.files} == {("1001", "20"),
                                                                   ("1001", "24")}


def test_one_zip_of_the_whole_class(tmp_path):
    archive = tmp_path / "class.zip"
    archive.write_bytes(_zip({"subs/s001/exercise_20.py": b"a = 1\n",
                              "subs/s002.zip": _zip({"s002/exercise_24.py": b"b = 2\n"}),
                              "__MACOSX/subs/._s001": b"junk"}))
    found = collect([archive], EXERCISES, "week3")
    assert _pairs(found) == {("s001", "20", "class.zip/s001/exercise_20.py"),
                             ("s002", "24", "class.zip/s002.zip/s002/exercise_24.py")}


def test_timestamps_csv_wins_over_file_times(tmp_path):
    _write(tmp_path / "subs" / "s001" / "exercise_20.py")
    stamps = tmp_path / "times.csv"
    stamps.write_text("student_id,submitted_at\ns001,2026-12-03T08:00:00Z\n", encoding="utf-8")
    found = collect([tmp_path / "subs"], EXERCISES, "week3", read_timestamps(stamps))
    assert found.files[0].submitted_at == datetime(2026, 12, 3, 8, tzinfo=UTC)


def test_a_student_folder_with_no_exercise_files_is_a_warning(tmp_path):
    _write(tmp_path / "subs" / "s001" / "exercise_20.py")
    _write(tmp_path / "subs" / "s002" / "answers.docx")
    found = collect([tmp_path / "subs"], EXERCISES, "week3")
    assert found.students == ["s001", "s002"]
    assert "s002" in found.warnings[0] and "missing" in found.warnings[0]


def _refused(tmp_path, paths, said):
    with pytest.raises(SubmissionsError) as caught:
        collect(paths, EXERCISES, "week3")
    message = str(caught.value)
    assert said in message and "\n" not in message, message


def test_no_exercise_files_at_all(tmp_path):
    _write(tmp_path / "subs" / "s001" / "answers.txt")
    _refused(tmp_path, [tmp_path / "subs"], "no exercise files")


def test_duplicate_student_ids(tmp_path):
    _write(tmp_path / "a" / "s001" / "exercise_20.py")
    _write(tmp_path / "b" / "s001" / "exercise_24.py")
    _refused(tmp_path, [tmp_path / "a", tmp_path / "b"], "duplicate student id 's001'")


def test_an_unreadable_zip(tmp_path):
    (tmp_path / "class.zip").write_bytes(b"PK\x03\x04 this is not really a zip")
    _write(tmp_path / "subs" / "s001.zip", "not a zip either")
    _refused(tmp_path, [tmp_path / "subs"], "not a readable zip")


def test_a_path_that_climbs_out_of_the_zip(tmp_path):
    (tmp_path / "class.zip").write_bytes(_zip({"s001/../../etc/exercise_20.py": b"x"}))
    _refused(tmp_path, [tmp_path / "class.zip"], "points outside the zip")


def test_a_zip_bomb_is_refused_by_its_size(tmp_path, monkeypatch):
    monkeypatch.setattr(submissions, "MAX_TOTAL_BYTES", 1_000_000)
    inner = _zip({"s001/exercise_20.py": b"x = 1\n", "s001/padding.bin": bytes(2_000_000)})
    (tmp_path / "class.zip").write_bytes(_zip({"week3/inner.zip": inner}))
    _refused(tmp_path, [tmp_path / "class.zip"], "zip bomb")


def test_a_nested_zip_bomb_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(submissions, "MAX_TOTAL_BYTES", 1_000_000)
    layer = bytes(600_000)
    for _ in range(3):
        layer = _zip({"s001/exercise_20.py": b"x = 1\n", "more.zip": layer,
                      "pad.bin": bytes(400_000)})
    (tmp_path / "subs").mkdir()
    (tmp_path / "subs" / "s001.zip").write_bytes(layer)
    (tmp_path / "subs" / "s002.zip").write_bytes(layer)
    _refused(tmp_path, [tmp_path / "subs"], "zip bomb")


def test_non_utf8_names_in_a_zip_and_on_disk(tmp_path):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zipped:
        zipped.writestr("s001/exercise_20.py", b"x = 1\n")
        zipped.writestr("s002/cafXX/exercise_20.py", b"x = 1\n")
    # The same name in Latin-1 bytes, without the zip's UTF-8 flag (as old Windows tools write).
    raw = buffer.getvalue().replace(b"cafXX", b"caf\xe9\xe9")
    (tmp_path / "class.zip").write_bytes(raw)
    _refused(tmp_path, [tmp_path / "class.zip"], "is not UTF-8")
    disk = tmp_path / "subs"
    _write(disk / "s001" / "exercise_20.py")
    os.makedirs(os.fsencode(disk) + b"/caf\xe9")
    _refused(tmp_path, [disk], "is not UTF-8")
