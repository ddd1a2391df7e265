"""GitHub Classroom autograding for an assignment: `grader classroom workflow NAME`.

Writes ``.github/workflows/classroom.yml`` into the assignment's template repository (the
handout folder). On every push the workflow installs the grader, grades the assignment's files
with ``grader check --format github --assignment …`` in a step whose id the reporter is given,
and ``classroom-resources/autograding-grading-reporter`` adds up the tests' ``score`` against
``max_score`` from that step's base64 ``result`` output: the points GitHub Classroom shows.

The grader (with its references) must not live in the students' repository, so the workflow
installs it from elsewhere: by default a private repository of the teacher's organisation,
read with an organisation secret; ``NAME/classroom/grader-autograder/`` holds the copy to push
there.
"""

from __future__ import annotations

from pathlib import Path

from grader.classroom.assignment import ASSIGNMENT_FILE, Assignment

STEP_ID = "grader"  # the reporter accepts letters and digits only
CONFIG_DIR = ".github/classroom"  # the assignment file, inside the template repository
DEFAULT_INSTALL = ("git+https://x-access-token:${{ secrets.GRADER_TOKEN }}@github.com/"
                   "${{ github.repository_owner }}/grader-autograder.git")


def workflow_yaml(assignment: Assignment, install: str = DEFAULT_INSTALL) -> str:
    """The workflow's text. ``install``: what ``pip install`` is given for the grader."""
    files = " ".join(f"exercise_{e}.py" for e in assignment.exercises)
    return f"""# GitHub Classroom autograding for {assignment.name} (`grader classroom workflow`).
# Points: {_points(assignment)} ({assignment.split} split over each exercise's checks).
name: Autograding Tests
'on':
  - push
  - repository_dispatch
permissions:
  checks: write
  actions: read
  contents: read
jobs:
  run-autograding-tests:
    runs-on: ubuntu-latest
    if: github.actor != 'github-classroom[bot]'
    timeout-minutes: 20
    steps:
      - name: Checkout code
        uses: actions/checkout@v4
      - name: Set up Python
        uses: actions/setup-python@v5
        with:
          python-version: '3.11'
      - name: Install the grader
        run: |
          python -m pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu
          python -m pip install "{install}"
      - name: Grade {files}
        id: {STEP_ID}
        # A failing file is not a failing step: the reporter turns the result into points.
        run: grader check --format github --assignment {CONFIG_DIR} >> "$GITHUB_OUTPUT" || true
      - name: Autograding Reporter
        uses: classroom-resources/autograding-grading-reporter@v1
        env:
          {STEP_ID.upper()}_RESULTS: "${{{{ steps.{STEP_ID}.outputs.result }}}}"
        with:
          runners: {STEP_ID}
"""


def write_workflow(assignment: Assignment, template: Path,
                   install: str = DEFAULT_INSTALL) -> list[Path]:
    """Write the workflow and the assignment file into ``template`` (the repository students
    get); returns the files written."""
    workflow = template / ".github" / "workflows" / "classroom.yml"
    config = template / CONFIG_DIR / ASSIGNMENT_FILE
    workflow.parent.mkdir(parents=True, exist_ok=True)
    config.parent.mkdir(parents=True, exist_ok=True)
    workflow.write_text(workflow_yaml(assignment, install), encoding="utf-8")
    config.write_bytes((assignment.folder / ASSIGNMENT_FILE).read_bytes())
    return [workflow, config]


def _points(assignment: Assignment) -> str:
    from grader.classroom.scoring import format_points

    return ", ".join(f"exercise {e}: {format_points(assignment.points[e])}"
                     for e in assignment.exercises)
