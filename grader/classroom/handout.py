"""What students get: ``NAME/handout/`` (and ``NAME/handout.zip``) with the starter files, the
prompts in the assignment's language, a ``grader.yaml`` with the assignment's check settings
(so `grader check` there judges as the teacher's grading will), the assignment file and a short
README on `grader check`."""

from __future__ import annotations

import shutil
import tempfile
import zipfile
from pathlib import Path

from grader.classroom.assignment import ASSIGNMENT_FILE, Assignment
from grader.classroom.scoring import format_points
from grader.exercise import get_exercise


def build_handout(assignment: Assignment, *, make_zip: bool = False) -> Path:
    """Write the handout folder (replacing an old one only once the new one is complete);
    returns the folder, or the zip when ``make_zip``."""
    target = assignment.folder / "handout"
    staging = Path(tempfile.mkdtemp(prefix=".handout-", dir=assignment.folder))
    try:
        _write(assignment, staging)
        if target.exists():
            shutil.rmtree(target)
        staging.rename(target)
    finally:
        if staging.exists():
            shutil.rmtree(staging)
    if not make_zip:
        return target
    archive = assignment.folder / "handout.zip"
    partial = archive.with_suffix(".zip.part")
    with zipfile.ZipFile(partial, "w", zipfile.ZIP_DEFLATED) as zipped:
        for path in sorted(target.rglob("*")):
            if path.is_file():
                zipped.write(path, f"{assignment.name}/{path.relative_to(target).as_posix()}")
    partial.replace(archive)
    return archive


def _write(assignment: Assignment, folder: Path) -> None:
    lang = assignment.lang
    lines = []
    for exercise_id in assignment.exercises:
        exercise = get_exercise(exercise_id)
        shutil.copyfile(exercise.starter, folder / exercise.file_name)
        (folder / f"{exercise.module_name}.md").write_text(exercise.prompt(lang),
                                                           encoding="utf-8")
        lines.append(f"| `{exercise.file_name}` | {exercise.title[lang]} | "
                     f"{format_points(assignment.points[exercise_id])} |")
    shutil.copyfile(assignment.folder / ASSIGNMENT_FILE, folder / ASSIGNMENT_FILE)
    (folder / "grader.yaml").write_text(_grader_yaml(assignment), encoding="utf-8")
    due = assignment.due.isoformat() if assignment.due else "no due date"
    late = ""
    if assignment.due and assignment.penalty_per_day:
        late = (f" Late work loses {assignment.penalty_per_day:.0%} of its points per day "
                "(or part of a day)")
        late += (f", and scores 0 after {assignment.cutoff_days} days." if
                 assignment.cutoff_days is not None else ".")
    (folder / "README.md").write_text(
        f"# {assignment.name}\n\n"
        f"Due: {due}.{late} Total: {format_points(assignment.max_points)} points.\n\n"
        "| file | exercise | points |\n|---|---|---|\n" + "\n".join(lines) + "\n\n"
        "Each `exercise_NN.md` is the task; write your answer in `exercise_NN.py`.\n\n"
        "## Check your work before you hand it in\n\n"
        "```sh\npip install grader        # once (or the course's install instructions)\n"
        "grader check exercise_20.py     # one file: each promise, and the smallest input "
        "that breaks it\ngrader check --all              # every file here\n"
        "grader hint 20                  # a hint when you are stuck\n```\n\n"
        "`grader check` here uses this assignment's settings (`grader.yaml`), so what passes "
        "here passes when it is graded. Hand in the `exercise_NN.py` files, named as they are.\n",
        encoding="utf-8")


def _grader_yaml(assignment: Assignment) -> str:
    check = assignment.cfg.CHECK
    return (
        f"# grader settings for {assignment.name}: the same checks as the teacher's grading.\n"
        "UI:\n"
        f"  LANG: {assignment.lang}\n"
        "CHECK:\n"
        + "".join(f"  {key}: {check[key]}\n" for key in check)
        + "PROGRESS:\n  LOG: progress.jsonl\n")
