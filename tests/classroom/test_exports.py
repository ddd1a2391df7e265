"""Exports from a gradebook written here (no grading): every JSON export against a schema
written from its platform's specification, the CSV's BOM and fractions, hidden and
after-due-date checks in every format, escaping of what students wrote, and the command's
one-line refusals. One end-to-end test grades a small class first."""

from __future__ import annotations

import csv
import io
import json
from datetime import UTC, datetime
from fractions import Fraction
from pathlib import Path

import pytest

from grader.classroom.assignment import load_assignment
from grader.classroom.exports import FORMATS, ExportError, export, render
from grader.classroom.exports.files import student_stem
from grader.classroom.exports.standings import load_standings
from grader.classroom.exports.wording import TEXT
from grader.classroom.scoring import stored
from grader.cli import main
from grader.exercise import get_exercise

SCHEMAS = Path(__file__).parent / "schemas"
DUE = datetime(2026, 12, 1, 23, 59, tzinfo=UTC)
BEFORE_DUE = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
AFTER_DUE = datetime(2026, 12, 5, 12, 0, tzinfo=UTC)
SCRIPT = "<script>alert('pwned')</script>"
HIDDEN_SECRET = "SECRET-HIDDEN-CALL"
AFTER_DUE_SECRET = "SECRET-AFTER-DUE-CALL"

# Exercise 20 (5 points) has three checks, each worth 5/3; exercise 04 (4 points) has two.
CHECKS_20 = [("keeps the order", "visible"), ("hidden promise", "hidden"),
             ("released after the due date", "after_due_date")]
CHECKS_04 = [("normalizes each channel", "visible"), ("keeps the dtype", "visible")]


def grade_record(student: str, name: str, exercise: str, failing: set[str] = frozenset(),
                 status: str = "graded", days_late: int = 0, output: str = "") -> dict:
    """A gradebook record as ``grader grade`` writes it (schema in the classroom interfaces)."""
    checks_meta, max_points = (CHECKS_20, 5) if exercise == "20" else (CHECKS_04, 4)
    share = Fraction(max_points, len(checks_meta))
    checks = []
    earned = Fraction(0)
    if status == "graded":
        for check, visibility in checks_meta:
            fails = check in failing
            secret = {"hidden": HIDDEN_SECRET, "after_due_date": AFTER_DUE_SECRET}.get(
                visibility, "drop_keys({'a': 0}, [])")
            checks.append({
                "name": check, "status": "fail" if fails else "pass",
                "message": f"{check} is not kept" if fails else "",
                "counterexample": {"call": secret, "expected": "{'a': 0}", "got": "{}"}
                if fails else None,
                "output": output if fails else "", "weight": 1.0, "visibility": visibility,
                "points": 0.0 if fails else stored(share), "max_points": stored(share)})
            earned += 0 if fails else share
    penalty = earned * Fraction(1, 10) * days_late
    return {"v": 1, "event": "grade", "at": "2026-12-02T09:00:00.000+00:00",
            "assignment": "week3", "student": student, "name": name, "exercise": exercise,
            "file": f"{student}/exercise_{exercise}.py", "sha256": "0" * 64,
            "grader_version": "0.1.0", "exercises_version": "x", "seed": 2020,
            "hypothesis_version": "6", "status": status,
            "verdict": None if status == "missing" else ("pass" if status == "graded"
                                                          and not failing else "fail"),
            "message": {"syntax_error": "invalid syntax (exercise_04.py, line 3)",
                        "missing": "no file submitted"}.get(status, ""),
            "line": 3 if status == "syntax_error" else None, "checks": checks,
            "points": stored(earned), "max_points": float(max_points),
            "submitted_at": None, "days_late": days_late, "late_penalty": stored(penalty),
            "final_points": stored(earned - penalty), "duration_s": 0.5}


def write_class(folder: Path, lang: str = "en") -> Path:
    """week3: exercises 04 and 20; a passing, a failing (with <script> in its output), a
    syntax-error, a missing, a late and an off-roster student; Chinese names."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "assignment.yaml").write_text(
        "ASSIGNMENT:\n  NAME: week3\n  EXERCISES: ['04', '20']\n  POINTS: [4, 5]\n"
        f"  LANG: {lang}\nLATE:\n  DUE: '{DUE.isoformat()}'\n  PENALTY_PER_DAY: 0.1\n",
        encoding="utf-8")
    (folder / "roster.csv").write_text(
        "student_id,name,email\ns001,Ada Lovelace,ada@example.org\ns002,张伟,\n"
        "s003,王芳,\ns004,Alan Turing,\ns005,=HYPERLINK(1),\ns006,李华,\n", encoding="utf-8")
    records = [
        grade_record("s001", "Ada Lovelace", "04"), grade_record("s001", "Ada Lovelace", "20"),
        # an older record for the same pair: exports take the latest
        grade_record("s002", "张伟", "20"),
        grade_record("s002", "张伟", "20", failing={c for c, _ in CHECKS_20}, output=SCRIPT),
        grade_record("s002", "张伟", "04", status="syntax_error"),
        grade_record("s003", "王芳", "04", status="missing"),
        grade_record("s003", "王芳", "20", status="missing"),
        grade_record("s004", "Alan Turing", "04", days_late=2),
        grade_record("s004", "Alan Turing", "20", days_late=2),
        # s005 never graded at all; s006 fails one visible check
        grade_record("s006", "李华", "04"),
        grade_record("s006", "李华", "20", failing={"keeps the order"}),
        grade_record("x999", "Not Listed", "20", failing={"released after the due date"}),
    ]
    (folder / "gradebook.jsonl").write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return folder


@pytest.fixture
def week3(tmp_path):
    return write_class(tmp_path / "week3")


def standings_of(folder: Path):
    assignment = load_assignment(folder)
    return load_standings(assignment, folder / "roster.csv")


# --- a small JSON-schema checker: jsonschema is not a dependency -------------------------

_TYPES = {"object": dict, "array": list, "string": str, "boolean": bool, "null": type(None)}


def _is_type(value, name: str) -> bool:
    if name in ("number", "integer"):
        ok = isinstance(value, int | float) and not isinstance(value, bool)
        return ok and (name == "number" or float(value).is_integer())
    return isinstance(value, _TYPES[name])


def schema_errors(value, schema: dict, where: str = "$") -> list[str]:
    """type, enum, const, required, properties, additionalProperties: false, items,
    minimum, maximum, if/then/else, not: the keywords our schemas use."""
    errors = []
    types = schema.get("type")
    if types is not None:
        names = types if isinstance(types, list) else [types]
        if not any(_is_type(value, t) for t in names):
            return [f"{where}: {value!r} is not {types}"]
    if "enum" in schema and value not in schema["enum"]:
        errors.append(f"{where}: {value!r} not one of {schema['enum']}")
    if "const" in schema and value != schema["const"]:
        errors.append(f"{where}: {value!r} is not {schema['const']!r}")
    if isinstance(value, int | float) and not isinstance(value, bool):
        if "minimum" in schema and value < schema["minimum"]:
            errors.append(f"{where}: {value} < {schema['minimum']}")
        if "maximum" in schema and value > schema["maximum"]:
            errors.append(f"{where}: {value} > {schema['maximum']}")
    if isinstance(value, dict):
        errors += [f"{where}: missing {k!r}" for k in schema.get("required", []) if k not in value]
        properties = schema.get("properties", {})
        for key, item in value.items():
            if key in properties:
                errors += schema_errors(item, properties[key], f"{where}.{key}")
            elif schema.get("additionalProperties") is False:
                errors.append(f"{where}: unexpected field {key!r}")
    if isinstance(value, list) and "items" in schema:
        for index, item in enumerate(value):
            errors += schema_errors(item, schema["items"], f"{where}[{index}]")
    if "if" in schema:
        branch = "then" if not schema_errors(value, schema["if"], where) else "else"
        if branch in schema:
            errors += schema_errors(value, schema[branch], where)
    if "not" in schema and not schema_errors(value, schema["not"], where):
        errors.append(f"{where}: matches what 'not' forbids: {schema['not']}")
    return errors


def test_the_schema_checker_catches_what_matters():
    schema = json.loads((SCHEMAS / "prairielearn_results.schema.json").read_text())
    assert schema_errors({"gradable": True, "score": 0.5, "tests": []}, schema) == []
    assert schema_errors({"gradable": True}, schema)  # gradable needs a score
    assert schema_errors({"gradable": True, "score": 1.5}, schema)  # 0-1
    assert schema_errors({"gradable": False, "format_errors": "x", "score": 0}, schema)
    assert schema_errors({"gradable": True, "score": 1, "points": 3}, schema)  # unknown field


# --- each platform's export against its schema -------------------------------------------

@pytest.mark.parametrize("fmt", ["gradescope", "github", "prairielearn"])
@pytest.mark.parametrize("now", [BEFORE_DUE, AFTER_DUE])
def test_every_json_export_follows_its_schema(week3, fmt, now):
    files = render(standings_of(week3), fmt, now)
    schema = json.loads((SCHEMAS / f"{fmt}_results.schema.json").read_text())
    students = ["s001", "s002", "s003", "s004", "s005", "s006", "x999"]
    assert sorted(files) == sorted(f"{s}/results.json" for s in students)
    for path, content in files.items():
        assert schema_errors(json.loads(content), schema) == [], path


def test_gradescope_scores_are_the_final_points_with_per_check_tests(week3):
    files = render(standings_of(week3), "gradescope", BEFORE_DUE)
    eve = json.loads(files["s006/results.json"])  # fails one of exercise 20's three checks
    assert eve["score"] == pytest.approx(4 + 10 / 3, abs=1e-6)
    assert eve["max_score"] == 9 and eve["output_format"] == "md"
    assert sum(t["max_score"] for t in eve["tests"]) == pytest.approx(9)
    order = next(t for t in eve["tests"] if t["name"] == "20 · keeps the order")
    assert order["status"] == "failed" and order["score"] == 0
    assert order["max_score"] == pytest.approx(5 / 3, abs=1e-6)
    late = json.loads(files["s004/results.json"])
    assert late["score"] == pytest.approx(9 * 0.8)  # 2 days at 10% a day
    assert late["extra_data"]["late_penalty"] == pytest.approx(1.8)
    zhang = json.loads(files["s002/results.json"])
    syntax = next(t for t in zhang["tests"] if t["name"].startswith("04"))
    assert syntax["status"] == "failed" and "line 3" in syntax["output"]
    after_due = next(t for t in zhang["tests"] if "released" in t["name"])
    # Gradescope releases after_due_date itself: the details go with that visibility.
    assert after_due["visibility"] == "after_due_date" and AFTER_DUE_SECRET in after_due["output"]


def test_github_scores_sum_to_the_final_score(week3):
    files = render(standings_of(week3), "github", AFTER_DUE)
    for path, content in files.items():
        results = json.loads(content)
        row = next(r for r in standings_of(week3).students if path.startswith(r.student_id))
        assert sum(t["score"] for t in results["tests"]) == pytest.approx(float(row.final),
                                                                         abs=1e-5), path
        assert results["max_score"] == 9
    assert json.loads(files["s001/results.json"])["status"] == "pass"
    assert json.loads(files["s006/results.json"])["status"] == "fail"
    missing = json.loads(files["s003/results.json"])
    assert missing["status"] == "error" and missing["message"]
    late = json.loads(files["s004/results.json"])
    assert late["tests"][-1]["score"] == pytest.approx(-1.8)


def test_prairielearn_syntax_error_is_not_gradable(week3):
    files = render(standings_of(week3), "prairielearn", AFTER_DUE)
    zhang = json.loads(files["s002/results.json"])
    assert zhang["gradable"] is False and "score" not in zhang
    assert any("exercise_04.py" in e and "line 3" in e for e in zhang["format_errors"])
    eve = json.loads(files["s006/results.json"])
    assert eve["gradable"] is True
    assert eve["score"] == pytest.approx((4 + 10 / 3) / 9, abs=1e-6)
    assert sum(t["max_points"] for t in eve["tests"]) == pytest.approx(9)


# --- CSV ------------------------------------------------------------------------------------

def test_csv_has_a_bom_exact_fractions_and_every_roster_student(week3):
    content = render(standings_of(week3), "csv", BEFORE_DUE)["grades.csv"]
    assert content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(content.decode("utf-8-sig"))))
    assert list(rows[0]) == ["student_id", "name", "exercise_04", "exercise_20", "total",
                             "max", "percent", "late_penalty", "final", "status"]
    by_id = {r["student_id"]: r for r in rows}
    assert list(by_id) == ["s001", "s002", "s003", "s004", "s005", "s006", "x999"]
    assert by_id["s002"]["name"] == "张伟"
    eve = by_id["s006"]
    assert (eve["exercise_04"], eve["exercise_20"], eve["total"]) == ("4", "3.3333", "7.3333")
    assert eve["max"] == "9" and eve["percent"] == "81.4815" and eve["status"] == "graded"
    alan = by_id["s004"]
    assert (alan["total"], alan["late_penalty"], alan["final"]) == ("9", "1.8", "7.2")
    assert alan["status"] == "graded, late"
    assert by_id["s003"]["status"] == "missing" and by_id["s003"]["final"] == "0"
    assert by_id["s005"]["status"] == "missing"  # on the roster, nothing in the gradebook
    assert by_id["s005"]["name"] == "'=HYPERLINK(1)"  # not run as a formula by a spreadsheet
    assert by_id["x999"]["status"] == "incomplete, not on roster"  # graded 20, not 04


# --- visibility and escaping, in every format ----------------------------------------------

def _all_text(folder: Path, now: datetime) -> dict[str, str]:
    standings = standings_of(folder)
    return {f"{fmt}:{path}": content.decode("utf-8-sig")
            for fmt in FORMATS for path, content in render(standings, fmt, now).items()}


def test_hidden_checks_show_only_pass_or_fail_everywhere(week3):
    for now in (BEFORE_DUE, AFTER_DUE):
        for name, content in _all_text(week3, now).items():
            assert HIDDEN_SECRET not in content, name
    feedback = render(standings_of(week3), "feedback", AFTER_DUE)["s002.md"].decode()
    assert "hidden promise" in feedback and "only whether it passed" in feedback


def test_after_due_date_details_wait_for_the_due_date(week3):
    before = _all_text(week3, BEFORE_DUE)
    after = _all_text(week3, AFTER_DUE)
    # s002's syntax error makes its PrairieLearn result not gradable: x999 fails that check too
    for fmt, student in (("feedback", "s002.md"), ("github", "s002/results.json"),
                         ("prairielearn", "x999/results.json")):
        assert AFTER_DUE_SECRET not in before[f"{fmt}:{student}"], fmt
        assert AFTER_DUE_SECRET in after[f"{fmt}:{student}"], fmt
    assert "shown after the due date" in before["feedback:s002.md"]


def test_html_feedback_is_self_contained_and_escapes_student_output(week3):
    files = render(standings_of(week3), "feedback", AFTER_DUE)
    assert sorted(files) == sorted(f"{s}.{ext}" for s in
                                   ("s001", "s002", "s003", "s004", "s005", "s006", "x999")
                                   for ext in ("md", "html"))
    for path, content in files.items():
        if path.endswith(".html"):
            page = content.decode()
            assert "http" not in page and "src=" not in page and "<link" not in page, path
            assert "<script" not in page, path
    page = files["s002.html"].decode()
    assert "&lt;script&gt;alert" in page
    markdown = files["s002.md"].decode()
    # In Markdown the printed output sits in a fenced block, where it stays text.
    fenced = markdown.count(f"```text\n{SCRIPT}\n```")
    assert fenced >= 1 and markdown.count("<script>") == fenced


def test_feedback_shows_the_smallest_failing_call_and_the_first_hint(week3):
    feedback = render(standings_of(week3), "feedback", BEFORE_DUE)["s006.md"].decode()
    hint = get_exercise("20").hints["en"][0]
    assert "keeps the order" in feedback and "drop_keys({'a': 0}, [])" in feedback
    assert "Expected" in feedback and "Got" in feedback and hint in feedback
    assert "7.3333 / 9 points" in feedback
    ada = render(standings_of(week3), "feedback", BEFORE_DUE)["s001.md"].decode()
    assert "Every check passes." in ada and hint not in ada


def test_feedback_in_chinese(tmp_path):
    folder = write_class(tmp_path / "week3", lang="zh")
    feedback = render(standings_of(folder), "feedback", BEFORE_DUE)["s006.md"].decode()
    assert "得分" in feedback and get_exercise("20").hints["zh"][0] in feedback
    assert get_exercise("20").title["zh"] in feedback and "Score" not in feedback


def test_lang_on_the_command_line_picks_the_feedback_language(week3, capsys):
    assert main(["export", str(week3), "--format", "feedback", "--lang", "zh"]) == 0
    assert "得分" in (week3 / "exports" / "feedback" / "s001.md").read_text(encoding="utf-8")


def test_every_sentence_exists_in_both_languages():
    assert set(TEXT["en"]) == set(TEXT["zh"])


# --- files and the command ------------------------------------------------------------------

def test_student_ids_never_leave_the_export_folder():
    assert student_stem("../../etc/passwd") == "_.._.._etc_passwd"
    assert student_stem("..") == "_.." and student_stem("张伟") == "张伟"


def test_clashing_file_names_write_nothing(week3, tmp_path):
    with (week3 / "gradebook.jsonl").open("a", encoding="utf-8") as log:
        for student in ("a/b", "a:b"):
            log.write(json.dumps(grade_record(student, "", "20")) + "\n")
    out = tmp_path / "out"
    with pytest.raises(ExportError, match="same file"):
        export(standings_of(week3), "gradescope", out, BEFORE_DUE)
    assert not out.exists()


def test_export_command_writes_the_default_folder(week3, capsys):
    assert main(["export", str(week3), "--format", "csv"]) == 0
    assert (week3 / "exports" / "csv" / "grades.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    assert "7 student(s)" in capsys.readouterr().out


def test_a_torn_gradebook_line_is_skipped_with_a_warning(week3, capsys):
    with (week3 / "gradebook.jsonl").open("a", encoding="utf-8") as log:
        log.write('{"v": 1, "event": "grade", "student": "s0')  # a run killed mid-write
    assert main(["export", str(week3), "--format", "csv"]) == 0
    assert "line 13" in capsys.readouterr().err
    grades = (week3 / "exports" / "csv" / "grades.csv").read_text(encoding="utf-8-sig")
    assert len(grades.splitlines()) == 8  # the header and the same 7 students


@pytest.mark.parametrize("argv, says", [
    (["--format", "pdf"], "unknown export format 'pdf'"),
    (["--format", "csv", "--roster", "nowhere.csv"], "cannot read the roster"),
])
def test_export_command_refuses_bad_input_in_one_line(week3, capsys, argv, says):
    assert main(["export", str(week3), *argv]) == 2
    err = capsys.readouterr().err
    assert says in err and err.count("\n") == 1 and "Traceback" not in err
    assert not (week3 / "exports").exists()


def test_export_command_needs_a_gradebook_and_an_assignment(tmp_path, capsys):
    folder = write_class(tmp_path / "week3")
    (folder / "gradebook.jsonl").unlink()
    assert main(["export", str(folder), "--format", "csv"]) == 2
    assert "run `grader grade" in capsys.readouterr().err
    assert main(["export", str(tmp_path / "nope"), "--format", "csv"]) == 2
    err = capsys.readouterr().err
    assert "not an assignment folder" in err and err.count("\n") == 1


# --- end to end: grade a small class, then export every format -----------------------------

def test_a_graded_class_exports_every_format(capsys):
    from grader.classroom.synthetic import write_example_class

    from .class_setup import QUICK, make_assignment, world_readable_dir

    with world_readable_dir() as root:
        folder = make_assignment(root / "week3", ["20"], points=[5.0])
        made = write_example_class(root / "class", ("20",), students=4, seed=1)
        quick = [x for pair in zip(QUICK[0::2], QUICK[1::2], strict=True)
                 for x in ("--set", *pair)]
        assert main(["grade", str(folder), str(made.submissions), "--roster", str(made.roster),
                     "--jobs", "1", *quick]) == 0
        standings = load_standings(load_assignment(folder), made.roster)
        students = [row.student_id for row in standings.students]
        assert len(students) == 4
        assert {o.status for row in standings.students for o in row.outcomes} >= {"graded"}
        for fmt in FORMATS:
            assert main(["export", str(folder), "--format", fmt,
                         "--roster", str(made.roster)]) == 0
        out = folder / "exports"
        grades = list(csv.DictReader(io.StringIO(
            (out / "csv" / "grades.csv").read_text(encoding="utf-8-sig"))))
        finals = {r["student_id"]: r["final"] for r in grades}
        for fmt in ("gradescope", "github", "prairielearn"):
            schema = json.loads((SCHEMAS / f"{fmt}_results.schema.json").read_text())
            for student in students:
                results = json.loads((out / fmt / student / "results.json").read_text())
                assert schema_errors(results, schema) == [], (fmt, student)
                if fmt == "gradescope":
                    assert f"{results['score']:.4f}".rstrip("0").rstrip(".") == finals[student]
        assert sorted(p.name for p in (out / "feedback").iterdir()) == sorted(
            f"{s}.{ext}" for s in students for ext in ("md", "html"))
        assert main(["report", str(folder), "--roster", str(made.roster)]) == 0
        assert (folder / "report.html").is_file()
        capsys.readouterr()


def test_an_unwritable_export_folder_is_one_line_and_nothing_half_written():
    """A teacher (not root) exporting into a folder they cannot write; CI runs as root, where
    permissions do not bite, so run it as `nobody` there."""
    import os
    import subprocess
    import sys

    from .class_setup import world_readable_dir

    with world_readable_dir() as root:
        folder = write_class(root / "week3")
        writable = root / "mine"
        writable.mkdir(mode=0o777)
        os.chmod(writable, 0o777)
        grader = [sys.executable, "-c", "import sys; from grader.cli import main; sys.exit(main())"]
        if os.geteuid() == 0:
            grader = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", *grader]
        else:
            os.chmod(folder, 0o555)  # the user owns it: take their write permission away
        env = {**os.environ, "HOME": str(root)}
        try:
            denied = subprocess.run([*grader, "export", str(folder), "--format", "feedback"],
                                    capture_output=True, text=True, timeout=120, env=env, cwd=root)
            allowed = subprocess.run([*grader, "export", str(folder), "--format", "csv",
                                      "--out", str(writable)],
                                     capture_output=True, text=True, timeout=120, env=env,
                                     cwd=root)
        finally:
            os.chmod(folder, 0o755)
        assert denied.returncode == 2, denied.stderr
        assert "cannot write" in denied.stderr and "Permission denied" in denied.stderr
        assert denied.stderr.count("\n") == 1 and "Traceback" not in denied.stderr
        assert not (folder / "exports").exists()
        assert allowed.returncode == 0, allowed.stderr
        assert (writable / "grades.csv").stat().st_mode & 0o044 == 0o044  # others may read it
