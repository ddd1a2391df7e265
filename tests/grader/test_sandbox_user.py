"""The sandbox's tests again, as an ordinary user: CI runs as root, where student code drops to
`nobody`; a learner's or a teacher's machine runs grader as themselves, where the strict
sandbox rests on unprivileged user namespaces. The user is created once (``test_user``); its
home gets the planted secret, and everything it runs is world-readable."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def user_temp(test_user):
    """A temp folder the user owns (pytest's own is root's and private)."""
    folder = Path(tempfile.mkdtemp(prefix="grader-user-"))
    os.chown(folder, test_user.pw_uid, test_user.pw_gid)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _pytest_as(user, temp: Path, *files: str, env_extra: dict | None = None):
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": user.pw_dir,
           "USER": user.pw_name, "LANG": "C.UTF-8", "PYTHONDONTWRITEBYTECODE": "1",
           **(env_extra or {})}
    command = ["runuser", "-u", user.pw_name, "--", "env", "-i",
               *(f"{k}={v}" for k, v in env.items()),
               sys.executable, "-m", "pytest", "-q", "-n", "0", "-p", "no:cacheprovider",
               f"--basetemp={temp / 'pytest'}", *files]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=300)


def test_every_hostile_case_and_attack_as_an_unprivileged_user(test_user, user_temp):
    for needed in (REPO, Path(sys.prefix), Path(sys.executable).resolve()):
        assert needed.stat().st_mode & 0o004, f"other users cannot read {needed}"
        for folder in needed.parents:
            assert folder.stat().st_mode & 0o001, f"other users cannot enter {folder}"
    # Both modes (strict and limits-only) are parameters inside these files.
    done = _pytest_as(test_user, user_temp, "tests/grader/test_hostile.py",
                      "tests/grader/test_sandbox_attacks.py",
                      "tests/grader/test_sandbox_output.py",
                      "tests/grader/test_sandbox_doctor.py")
    assert done.returncode == 0, done.stdout[-4000:] + done.stderr[-2000:]
    assert " passed" in done.stdout.splitlines()[-1]
