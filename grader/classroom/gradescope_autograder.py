"""A Gradescope autograder for an assignment: `grader gradescope build NAME -o autograder.zip`.

The zip follows Gradescope's autograder specification: ``setup.sh`` (run once when the image is
built: Python 3.11+, the pinned CPU torch, this grader from the copy inside the zip) and
``run_autograder`` (run per submission: grades ``/autograder/submission`` against the
assignment and writes ``/autograder/results/results.json``). The root is ``/autograder`` unless
``GRADER_AUTOGRADER_ROOT`` says otherwise (tests simulate the tree in a temp folder).

Always a result: every failure still writes a results.json with score 0 and a message a student
can read; ``run_autograder`` writes one itself if Python could not even start.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
import traceback
import zipfile
from datetime import UTC, datetime
from pathlib import Path

from grader.classroom.assignment import ASSIGNMENT_FILE, Assignment

ROOT_ENV = "GRADER_AUTOGRADER_ROOT"
PYTHON_ENV = "GRADER_AUTOGRADER_PYTHON"

SETUP_SH = """#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image.
set -euo pipefail
cd /autograder/source
if ! python3 -c 'import sys; assert sys.version_info >= (3, 11)' 2>/dev/null; then
    apt-get update
    apt-get install -y software-properties-common
    add-apt-repository -y ppa:deadsnakes/ppa
    apt-get update
    apt-get install -y python3.11 python3.11-venv
    PYTHON=python3.11
else
    apt-get update
    apt-get install -y python3-venv
    PYTHON=python3
fi
"$PYTHON" -m venv /autograder/venv
/autograder/venv/bin/python -m pip install --upgrade pip
# The CPU build of torch, pinned: a bare `torch` would pull a multi-GB CUDA build.
/autograder/venv/bin/python -m pip install torch==2.13.0 \\
    --index-url https://download.pytorch.org/whl/cpu
/autograder/venv/bin/python -m pip install /autograder/source/grader-src
# Student code runs as `nobody` (the autograder runs as root): it must read the venv.
chmod -R a+rX /autograder/venv /autograder/source
"""

RUN_AUTOGRADER = """#!/usr/bin/env bash
# Gradescope runs this for every submission. Whatever happens, results.json is written.
ROOT="${GRADER_AUTOGRADER_ROOT:-/autograder}"
PY="${GRADER_AUTOGRADER_PYTHON:-$ROOT/venv/bin/python}"
mkdir -p "$ROOT/results"
"$PY" -m grader.classroom.gradescope_autograder "$ROOT"
if [ ! -s "$ROOT/results/results.json" ]; then
    cat > "$ROOT/results/results.json" <<'JSON'
{"score": 0.0, "max_score": 0.0, "execution_time": 0.0, "output_format": "md",
 "output":
   "The autograder could not start, so this submission was not graded. Tell your instructor.",
 "tests": []}
JSON
fi
exit 0
"""


def build_zip(assignment: Assignment, out: Path) -> Path:
    """Write the autograder zip (complete or not at all)."""
    from grader.classroom.bundle import copy_grader

    staging = Path(tempfile.mkdtemp(prefix="grader-gradescope-"))
    try:
        copy_grader(staging / "grader-src")
        (staging / "assignment").mkdir()
        shutil.copyfile(assignment.folder / ASSIGNMENT_FILE,
                        staging / "assignment" / ASSIGNMENT_FILE)
        partial = out.with_name(out.name + ".part")
        with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as archive:
            for name, text in (("setup.sh", SETUP_SH), ("run_autograder", RUN_AUTOGRADER)):
                info = zipfile.ZipInfo(name, date_time=(2026, 1, 1, 0, 0, 0))
                info.external_attr = 0o100755 << 16  # executable, as Gradescope expects
                info.compress_type = zipfile.ZIP_DEFLATED
                archive.writestr(info, text)
            for path in sorted(staging.rglob("*")):
                if path.is_file():
                    archive.write(path, path.relative_to(staging).as_posix())
        partial.replace(out)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return out


def run(root: Path) -> dict:
    """Grade ``root/submission``, write ``root/results/results.json``, return what was written.
    Never raises: a failure is a results.json with score 0 and the reason."""
    results_path = root / "results" / "results.json"
    results_path.parent.mkdir(parents=True, exist_ok=True)
    started = datetime.now(UTC)
    try:
        results = _grade(root)
    except Exception as exc:  # noqa: BLE001 - a student must get a result whatever happened
        elapsed = (datetime.now(UTC) - started).total_seconds()
        results = {"score": 0.0, "max_score": _max_score(root),
                   "execution_time": round(elapsed, 3), "output_format": "md", "tests": [],
                   "output": ("**The autograder failed on this submission, so it was not "
                              "graded.** Please tell your instructor; the error was:\n\n"
                              f"```\n{type(exc).__name__}: {exc}\n```"),
                   "extra_data": {"traceback": traceback.format_exc()[-4000:]}}
    from grader.workspace import write_atomically

    write_atomically(results_path, json.dumps(results, ensure_ascii=False, indent=2))
    return results


def _grade(root: Path) -> dict:
    from grader.classroom.assignment import load_assignment
    from grader.classroom.exports.gradescope import results_json
    from grader.classroom.exports.standings import build_standings
    from grader.classroom.grading import grade_one_student

    assignment = load_assignment(root / "source" / "assignment")
    files = {}
    for exercise_id in assignment.exercises:
        found = _find_file(root / "submission", f"exercise_{exercise_id}.py")
        if found is not None:
            files[exercise_id] = found
    latest = grade_one_student(assignment, files, _submitted_at(root))
    standings = build_standings(assignment, latest, None)
    return results_json(standings.students[0], standings, datetime.now(UTC))


def _max_score(root: Path) -> float:
    """The assignment's points, when even that much can be read (else 0)."""
    from grader.classroom.assignment import load_assignment

    try:
        return float(load_assignment(root / "source" / "assignment").max_points)
    except Exception:  # noqa: BLE001 - only a nicer figure in a failure report
        return 0.0


def _find_file(submission: Path, name: str) -> Path | None:
    """The student's file for an exercise, wherever they put it (the shallowest one wins)."""
    if not submission.is_dir():
        return None
    found = [p for p in submission.rglob(name) if p.is_file() and "__MACOSX" not in p.parts]
    return min(found, key=lambda p: (len(p.parts), str(p))) if found else None


def _submitted_at(root: Path) -> datetime | None:
    """When Gradescope received the submission (submission_metadata.json's created_at)."""
    try:
        metadata = json.loads((root / "submission_metadata.json").read_text(encoding="utf-8"))
        return datetime.fromisoformat(metadata["created_at"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


if __name__ == "__main__":
    run(Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get(ROOT_ENV, "/autograder")))
    os._exit(0)  # results are written; skip torch's slow interpreter teardown
