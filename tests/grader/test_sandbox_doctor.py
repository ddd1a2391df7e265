"""Saying which isolation is in effect: `grader doctor`, the one warning of the fallback, the
allowlist itself, and a clear line (not a crash) for what `nobody` cannot read."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import grader
from grader.exercise import get_exercise
from grader.sandbox.host import SandboxError, Worker
from grader.sandbox.limits import Limits
from grader.sandbox.view import allowlist, python_view, unreadable

GRADER = str(Path(sys.executable).parent / "grader")
SOURCE_ROOT = Path(grader.__file__).resolve().parents[1]


def _grader(*args: str, cwd: Path, force: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "GRADER_SANDBOX"}
    if force:
        env["GRADER_SANDBOX"] = force
    return subprocess.run([GRADER, *args], cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=120)


def test_doctor_names_the_strict_sandbox_and_what_it_shows(tmp_path):
    done = _grader("doctor", cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.startswith("isolation: strict sandbox: ")
    assert "student code sees, read-only:" in done.stdout
    assert str(Path(sys.prefix).resolve()) in done.stdout or sys.prefix in done.stdout
    assert "your home hidden, this folder hidden; network: Network is unreachable" \
        in done.stdout


def test_doctor_says_why_when_the_sandbox_is_off(tmp_path):
    done = _grader("doctor", cwd=tmp_path, force="limits-only")
    assert done.returncode == 1
    assert done.stdout.startswith("isolation: process limits only: GRADER_SANDBOX=limits-only")
    assert "--unsafe-no-sandbox" in done.stdout


def test_the_fallback_warns_once_and_still_grades(tmp_path):
    ex20 = get_exercise("20")
    for name in ("exercise_20.py", "exercise_20_copy.py"):
        shutil.copy(ex20.reference, tmp_path / name)
    done = _grader("check", "exercise_20.py", "exercise_20_copy.py", "--exercise", "20",
                   "--set", "CHECK.MAX_EXAMPLES", "5", cwd=tmp_path, force="limits-only")
    assert done.returncode == 0, done.stdout + done.stderr
    warnings = [line for line in done.stderr.splitlines() if "process limits only" in line]
    assert len(warnings) == 1, done.stderr
    assert "GRADER_SANDBOX=limits-only" in warnings[0]


def test_the_allowlist_leaves_out_the_source_tree_and_covers_installed_grader():
    view = python_view()
    for path in view.readonly:
        assert not (SOURCE_ROOT == Path(path) or Path(path) in SOURCE_ROOT.parents) \
            or path in ("/usr",), path  # never a folder that holds grader's checkout
        assert not str(Path(path)).startswith(str(SOURCE_ROOT / "exercises"))
        assert not str(Path(path)).startswith(str(SOURCE_ROOT / "grader"))
        assert not Path(path).is_relative_to(Path.home()) or \
            Path(path).is_relative_to(Path(sys.prefix).resolve())
    installed = [p for p in view.readonly if p.endswith("site-packages")
                 or Path(p, "site-packages").is_dir()]
    assert installed
    for folder in Path(sys.prefix).resolve().glob("lib/python3*/site-packages/grader"):
        assert str(folder) in view.hidden


@pytest.mark.skipif(os.geteuid() != 0, reason="only root drops student code to nobody")
def test_data_nobody_cannot_read_is_one_clear_line(zygote):
    private = Path(tempfile.mkdtemp(prefix="grader-private-"))  # mode 0700, root's
    try:
        assert unreadable([str(private)], 65534, 65534) == str(private)
        with pytest.raises(SandboxError) as raised:
            Worker(zygote, b"", "m", "m.py", limits=Limits(), data=[str(private)])
        message = str(raised.value)
        assert "\n" not in message and str(private) in message and "chmod" in message
    finally:
        shutil.rmtree(private)


def _touch(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)
    return path


def test_an_installed_wheel_is_shown_with_all_of_grader_covered(tmp_path):
    site = tmp_path / "venv" / "lib" / "python3.11" / "site-packages"
    _touch(site / "grader" / "__init__.py")
    _touch(site / "grader" / "_bundled" / "exercises" / "20_drop_keys" / "reference.py")
    _touch(site / "tui" / "app.py")
    _touch(site / "grader-0.1.0.dist-info" / "RECORD",
           "grader/__init__.py,,\ntui/app.py,,\ngrader-0.1.0.dist-info/RECORD,,\n")
    _touch(site / "torch" / "__init__.py")
    view = allowlist([str(site)], site / "grader")
    assert view.readonly == (str(site),)
    assert set(view.hidden) == {str(site / "grader"), str(site / "tui"),
                                str(site / "grader-0.1.0.dist-info")}


def test_a_source_checkout_is_left_out_and_its_bundled_copy_covered(tmp_path):
    checkout = tmp_path / "checkout"
    _touch(checkout / "grader" / "__init__.py")
    _touch(checkout / "exercises" / "20_drop_keys" / "reference.py")
    site = checkout / ".venv" / "lib" / "python3.11" / "site-packages"
    _touch(site / "grader" / "_bundled" / "exercises" / "20_drop_keys" / "reference.py")
    _touch(site / "numpy" / "__init__.py")
    view = allowlist([str(checkout), str(site)], checkout / "grader")
    assert view.readonly == (str(site),)
    assert view.hidden == (str(site / "grader"),)
