"""A plain `pip install .` (not only -e) ships the exercises and data inside the package."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

from tests.conftest import REPO


def test_the_wheel_bundles_exercises_and_finds_them_installed(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(REPO)], check=True, timeout=300)
    wheel = next(tmp_path.glob("grader-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert "grader/_bundled/exercises/20_drop_keys/checks.py" in names
    assert "grader/_bundled/exercises/20_drop_keys/prompt.zh.md" in names
    assert "grader/cli.py" in names and "tui/__init__.py" in names

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, timeout=300)
    probe = ("from grader.content import exercises_root; from grader.exercise import "
             "get_exercise; print(exercises_root()); print(get_exercise('20').title['zh'])")
    result = subprocess.run([sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, "
                             f"{str(target)!r}); {probe}"], capture_output=True, text=True,
                            cwd=tmp_path, check=True)
    root, title = result.stdout.splitlines()
    assert Path(root) == target / "grader" / "_bundled" / "exercises"
    assert title == "移除字典的键"
