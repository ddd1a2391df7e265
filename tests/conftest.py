"""Shared fixtures: warm sandboxes (one plain, one with torch) and quick settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from grader.config import load_config
from grader.sandbox.host import Zygote

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="session")
def zygote():
    with Zygote().start() as z:
        yield z


@pytest.fixture(scope="session")
def torch_zygote():
    with Zygote(preload=("torch",)).start() as z:
        yield z


@pytest.fixture
def quick_cfg():
    """Short timeouts so hostile submissions cost a second, not ten."""
    return load_config(None, ["CHECK.CALL_TIMEOUT", "1.0", "CHECK.IMPORT_TIMEOUT", "2.0",
                              "CHECK.MAX_EXAMPLES", "25"])


@pytest.fixture
def write_submission(tmp_path):
    def write(source: str | bytes, name: str = "exercise_20.py") -> Path:
        path = tmp_path / name
        if isinstance(source, str):
            path.write_text(source, encoding="utf-8")
        else:
            path.write_bytes(source)
        return path

    return write
