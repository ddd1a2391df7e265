"""`grader grade` with bad input: one clear line, exit 2, and nothing written."""

from __future__ import annotations

import io
import zipfile

import pytest

from grader.classroom import submissions
from grader.cli import main

from .class_setup import make_assignment


def _student(root, student="s001", name="exercise_20.py", text="x = 1\n"):
    path = root / "subs" / student / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _bomb(root):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zipped:
        for n in range(3):
            zipped.writestr(f"s00{n}/pad.bin", bytes(2**20))  # 3 MiB of zeros (limit: 2 below)
    (root / "subs").mkdir(exist_ok=True)
    (root / "subs" / "s009.zip").write_bytes(buffer.getvalue())


CASES = {
    "no exercise files": (lambda root: _student(root, name="answers.txt"), [],
                          "no exercise files"),
    "duplicate ids": (lambda root: (_student(root), (root / "other" / "s001").mkdir(parents=True),
                                    (root / "other" / "s001" / "exercise_20.py").write_text("")),
                      ["other"], "duplicate student id 's001'"),
    "unreadable zip": (lambda root: (_student(root),
                                     (root / "subs" / "s002.zip").write_bytes(b"PK\x03\x04no")),
                       [], "not a readable zip"),
    "zip bomb": (lambda root: (_student(root), _bomb(root)), [], "zip bomb"),
    "bad roster": (lambda root: (_student(root),
                                 (root / "roster.csv").write_text("id;name\n", encoding="utf-8")),
                   ["--roster", "roster.csv"], "roster.csv, line 1"),
    "bad timestamps": (lambda root: (_student(root), (root / "t.csv").write_text(
        "student_id,submitted_at\ns001,yesterday\n", encoding="utf-8")),
        ["--timestamps", "t.csv"], "t.csv, line 2"),
    "unknown exercise": (lambda root: (_student(root), (root / "week3" / "assignment.yaml")
                                       .write_text("ASSIGNMENT:\n  EXERCISES: ['98']\n"
                                                   "  POINTS: [1]\n", encoding="utf-8")),
                         [], "there is no exercise '98'"),
    "no such submissions": (lambda root: None, [], "subs: not found"),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_one_line_and_writes_nothing(tmp_path, capsys, monkeypatch, case):
    prepare, extra, said = CASES[case]
    folder = make_assignment(tmp_path / "week3", ["20"])
    prepare(tmp_path)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(submissions, "MAX_TOTAL_BYTES", 2 * 2**20)
    paths = [e for e in extra if not e.startswith("--") and e not in ("roster.csv", "t.csv")]
    flags = [e for e in extra if e not in paths]
    assert main(["grade", str(folder), "subs", *paths, *flags, "--unsafe-no-sandbox"]) == 2
    err = capsys.readouterr().err.strip()
    assert said in err and len(err.splitlines()) == 1, err
    assert not (folder / "gradebook.jsonl").exists()
