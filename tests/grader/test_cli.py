"""The `grader` command as a newcomer runs it: from a fresh folder, real files, real exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from grader.exercise import get_exercise

GRADER = str(Path(sys.executable).parent / "grader")
EX20 = get_exercise("20")
ALL_PASSED_20 = f"all {len(EX20.checks())} checks passed"


def run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    """``grader ARGS`` in ``cwd``; checks are graded in the process (``--no-server``): the
    check server has its own tests (test_check_server.py), and none is left behind here."""
    if args[:1] == ("check",) and "--all" not in args:
        args = (*args, "--no-server")
    return subprocess.run([GRADER, *args], cwd=cwd, capture_output=True, text=True, timeout=120)


@pytest.fixture
def workspace(tmp_path):
    result = run("init", "ws", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    return tmp_path / "ws"


def test_init_creates_starters_and_never_overwrites(workspace):
    assert (workspace / "grader.yaml").exists()
    starter = workspace / "exercise_20.py"
    assert starter.read_text(encoding="utf-8") == EX20.starter.read_text(encoding="utf-8")
    starter.write_text("# my work\n", encoding="utf-8")
    again = run("init", ".", cwd=workspace)
    assert again.returncode == 0 and "kept" in again.stdout
    assert starter.read_text(encoding="utf-8") == "# my work\n"


def test_check_passes_a_correct_file_and_logs_it(workspace):
    (workspace / "exercise_20.py").write_text(EX20.reference.read_text(encoding="utf-8"))
    result = run("check", "exercise_20.py", cwd=workspace)
    assert result.returncode == 0, result.stdout + result.stderr
    assert ALL_PASSED_20 in result.stdout
    records = [json.loads(line) for line in (workspace / "progress.jsonl").read_text().splitlines()]
    assert records[-1]["event"] == "check" and records[-1]["status"] == "pass"
    assert records[-1]["v"] == 1 and records[-1]["at"].endswith("+00:00")


def test_the_starter_fails_with_exit_1_and_shows_the_call(workspace):
    result = run("check", "exercise_20.py", cwd=workspace)
    assert result.returncode == 1
    assert "NotImplementedError" in result.stdout and "drop_keys(" in result.stdout
    assert "Traceback" not in result.stdout + result.stderr


def test_json_format_follows_results_json_v3(workspace):
    wrong = workspace / "exercise_20.py"
    wrong.write_text((EX20.folder / "wrong" / "pop_missing_raises.py").read_text())
    result = run("check", "exercise_20.py", "--format", "json", cwd=workspace)
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["version"] == 3 and document["status"] == "fail"
    test = document["tests"][2]
    assert set(test) >= {"name", "status", "message", "output"}
    assert test["counterexample"]["call"] == "drop_keys({'a': 1}, ['zzz'])"


def test_several_files_give_a_json_list_and_the_worst_exit(workspace, tmp_path):
    good = tmp_path / "exercise_20.py"
    good.write_text(EX20.reference.read_text())
    result = run("check", str(good), "exercise_20.py", "--format", "json", cwd=workspace)
    documents = json.loads(result.stdout)
    assert [d["status"] for d in documents] == ["pass", "fail"]
    assert result.returncode == 1


def test_exercise_option_grades_any_file_name(workspace):
    (workspace / "mine.py").write_text(EX20.reference.read_text())
    assert run("check", "mine.py", "--exercise", "20", cwd=workspace).returncode == 0
    unnamed = run("check", "mine.py", cwd=workspace)
    assert unnamed.returncode == 2 and "--exercise" in unnamed.stderr


@pytest.mark.parametrize(("args", "words"), [
    (("check", "nope.py"), "nope.py: not found"),
    (("check", "exercise_99.py", "--exercise", "99"), "no exercise '99'"),
    (("check", "exercise_20.py", "--set", "CHECK.NOPE", "1"), "unknown setting CHECK.NOPE"),
    (("check", "exercise_20.py", "--set", "UI.LANG", "fr"), "UI.LANG must be 'en' or 'zh'"),
    (("validate", "77"), "no exercise '77'"),
])
def test_usage_errors_exit_2_with_one_line(workspace, args, words):
    if args[1] == "exercise_99.py":
        (workspace / "exercise_99.py").write_text("x = 1\n")
    result = run(*args, cwd=workspace)
    assert result.returncode == 2
    assert words in result.stderr
    assert "Traceback" not in result.stderr and len(result.stderr.splitlines()) <= 2


def test_a_bad_workspace_setting_names_the_file(workspace):
    (workspace / "grader.yaml").write_text("CHECK:\n  MAX_EXAMPLES: lots\n")
    result = run("check", "exercise_20.py", cwd=workspace)
    assert result.returncode == 2
    assert "grader.yaml" in result.stderr and "Traceback" not in result.stderr
    (workspace / "grader.yaml").write_text("NOPE: 1\n")
    result = run("check", "exercise_20.py", cwd=workspace)
    assert result.returncode == 2 and "unknown setting" in result.stderr


def test_python_dash_m_grader_works(tmp_path):
    result = subprocess.run([sys.executable, "-m", "grader", "--help"], cwd=tmp_path,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and "check" in result.stdout


def test_validate_proves_an_exercise(tmp_path):
    result = run("validate", "20", cwd=tmp_path)
    assert result.returncode == 0, result.stdout
    assert "NO" not in result.stdout


def test_validate_accepts_all_with_mutants():
    from grader.cli import build_parser

    args = build_parser().parse_args(["validate", "--mutants", "--all"])
    assert args.all and args.mutants and args.ids == []
