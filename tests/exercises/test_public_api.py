"""Exercises use only grader's public API for authors: ``checks.py`` imports from
``grader.judge`` and ``probes.py`` from ``grader.sandbox.probekit``, nothing else of grader.

Teachers copy these folders to write their own exercises; a private import copied along
would break with the next refactor of the engine.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from tests.exercises.test_exercises import EXERCISES, IDS

ALLOWED = {"checks.py": "grader.judge", "probes.py": "grader.sandbox.probekit"}


def private_imports(source: str, allowed: str) -> list[str]:
    """``line: import`` for every import of a grader module other than ``allowed``."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            modules = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            modules = [node.module]
        else:
            continue
        for module in modules:
            if (module == "grader" or module.startswith("grader.")) and module != allowed:
                found.append(f"line {node.lineno}: {ast.unparse(node)}")
    return found


def authored_files(folder: Path) -> list[Path]:
    return [folder / name for name in ALLOWED if (folder / name).exists()]


@pytest.mark.parametrize("exercise", EXERCISES, ids=IDS)
def test_exercise_imports_only_the_public_api(exercise):
    problems = []
    for path in authored_files(exercise.folder):
        for found in private_imports(path.read_text(encoding="utf-8"), ALLOWED[path.name]):
            problems.append(f"{path.name} {found} (only {ALLOWED[path.name]} is public)")
    assert not problems, "\n".join(problems)


def test_private_imports_are_found():
    source = ("import grader.judge\n"
              "from grader.judge import check, describe\n"
              "from grader.judge.describe import describe\n"
              "import grader.sandbox.host as host\n"
              "from grader import judge\n"
              "from . import reference\n"
              "import torch\n")
    assert private_imports(source, "grader.judge") == [
        "line 3: from grader.judge.describe import describe",
        "line 4: import grader.sandbox.host as host",
        "line 5: from grader import judge"]
    assert private_imports("from grader.sandbox.probekit import error_text\n",
                           "grader.sandbox.probekit") == []
