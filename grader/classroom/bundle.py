"""This grader as files another machine can `pip install`: what a Gradescope autograder zip and
a GitHub Classroom template carry, so they grade with exactly the checks the teacher has here.

From a source checkout (the usual case: `./dev`'s editable install) the project's own files are
copied; from an installed wheel, its packages (exercises bundled inside) with a pyproject that
names the same dependencies.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import grader

SOURCE_ITEMS = ("pyproject.toml", "README.md", "grader", "tui", "exercises", "data")
_IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", ".pytest_cache", "*.bak")


def copy_grader(target: Path) -> None:
    """Write an installable copy of this grader (its version and exercises) into ``target``."""
    package = Path(grader.__file__).resolve().parent
    root = package.parent
    target.mkdir(parents=True, exist_ok=True)
    if (root / "pyproject.toml").is_file() and (root / "exercises").is_dir():
        for name in SOURCE_ITEMS:
            source = root / name
            if source.is_dir():
                shutil.copytree(source, target / name, ignore=_IGNORED)
            elif source.is_file():
                shutil.copyfile(source, target / name)
        return
    # An installed wheel: grader/_bundled already holds the exercises and data.
    for name in ("grader", "tui"):
        shutil.copytree(root / name, target / name, ignore=_IGNORED)
    (target / "pyproject.toml").write_text(_wheel_pyproject(), encoding="utf-8")


def _wheel_pyproject() -> str:
    from importlib.metadata import requires

    needs = [r for r in requires("grader") or [] if "extra ==" not in r]
    listed = ",\n    ".join(f'"{r}"' for r in needs)
    return (
        '[build-system]\nrequires = ["hatchling>=1.24"]\nbuild-backend = "hatchling.build"\n\n'
        f'[project]\nname = "grader"\nversion = "{grader.__version__}"\n'
        f'requires-python = ">=3.11"\ndependencies = [\n    {listed},\n]\n\n'
        '[project.scripts]\ngrader = "grader.cli:entry"\n\n'
        '[tool.hatch.build.targets.wheel]\npackages = ["grader", "tui"]\n')
