"""Fixtures for the sandbox's tests: both isolation modes, folders any user can use, and a
user without privileges to run the grader as (CI runs as root)."""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

from grader.sandbox.isolation import isolation_status

TEST_USER = "grader-tester"


@pytest.fixture(params=["strict", "limits-only"])
def sandbox_mode(request) -> str:
    """Each test runs with the strict sandbox and with process limits only (the fallback)."""
    if request.param == "strict":
        # The machine must have it: a test that claims to cover strict mode must not quietly
        # run the fallback twice.
        assert isolation_status().strict, isolation_status().describe()
    return request.param


@pytest.fixture
def mode_cfg(quick_cfg, sandbox_mode):
    """``quick_cfg`` in the mode under test."""
    cfg = quick_cfg.clone()
    cfg.defrost()
    cfg.SANDBOX.NAMESPACES = sandbox_mode == "strict"
    cfg.freeze()
    return cfg


@pytest.fixture
def open_dir():
    """A folder any user can read and write (pytest's tmp_path is root-only)."""
    folder = Path(tempfile.mkdtemp(prefix="grader-test-"))
    folder.chmod(0o777)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(scope="session")
def test_user() -> pwd.struct_passwd:
    """An ordinary user with a home of its own, created once (needs root)."""
    if os.geteuid() != 0:
        pytest.skip("creating a user to run the grader as needs root (CI runs as root)")
    try:
        return pwd.getpwnam(TEST_USER)
    except KeyError:
        pass
    made = subprocess.run(["useradd", "--create-home", "--shell", "/bin/sh", TEST_USER],
                          capture_output=True, text=True)
    try:  # another test process may have made it first
        return pwd.getpwnam(TEST_USER)
    except KeyError:
        pytest.fail(f"useradd {TEST_USER} failed: {made.stderr.strip()}")
