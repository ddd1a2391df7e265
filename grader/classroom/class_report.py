"""The class report: pass rate per exercise and per check, a histogram of final scores, the
most common failing promise of each exercise with one representative counterexample and how
many students share it, and who did not submit. Written as ``NAME/report.md`` and a
self-contained ``NAME/report.html``; a rich version prints in the terminal.

The plots are small hand-written SVG: two bar charts need ~40 lines, no plotting dependency
(matplotlib alone is ~40 MB), nothing to fetch when the file is opened offline, and the
same input gives byte-identical output. The report is for the teacher, so hidden checks'
counterexamples are shown; everything a student wrote is escaped.
"""

from __future__ import annotations

import html
from collections import Counter
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from statistics import median

from grader.classroom.exports.files import write_files
from grader.classroom.exports.html_page import markdown_to_html, page
from grader.classroom.exports.markdown import md_block, md_text
from grader.classroom.exports.standings import ClassStandings
from grader.classroom.scoring import format_points

BINS = 10  # histogram bins of 10 percentage points; 100% falls in the last
REPORT_MD, REPORT_HTML = "report.md", "report.html"


@dataclass(frozen=True)
class CheckRate:
    name: str
    passed: int
    ran: int  # students whose file was graded and ran this check
    visibility: str = "visible"


@dataclass(frozen=True)
class CommonFailure:
    check: str
    students: int  # how many students fail this promise
    counterexample: dict | None  # the smallest one among theirs


@dataclass(frozen=True)
class ExerciseSummary:
    exercise: str
    title: str
    students: int
    submitted: int
    passed: int  # students whose every check passed
    not_gradable: dict[str, int]  # status (syntax_error, timeout, ...) -> students
    checks: tuple[CheckRate, ...]
    common_failure: CommonFailure | None

    @property
    def pass_rate(self) -> Fraction:
        return Fraction(self.passed, self.students) if self.students else Fraction(0)


@dataclass(frozen=True)
class ClassReport:
    assignment: str
    students: int
    max_points: Fraction
    exercises: tuple[ExerciseSummary, ...]
    histogram: tuple[int, ...]  # students per 10% band of the final score
    mean_percent: Fraction
    median_percent: Fraction
    late: int
    # (student id, name, exercises with no submission); everything missing first
    not_submitted: tuple[tuple[str, str, tuple[str, ...]], ...]
    all_exercises: tuple[str, ...]


def _title(exercise_id: str) -> str:
    from grader.exercise import ExerciseError, get_exercise

    try:
        return get_exercise(exercise_id).title["en"]
    except ExerciseError:
        return exercise_id


def _example_size(example: dict | None) -> tuple[int, str]:
    call = str((example or {}).get("call") or "")
    return (len(call) if call else 10**9, call)


def build_report(standings: ClassStandings) -> ClassReport:
    rows = standings.students
    summaries = []
    for exercise in standings.assignment.exercises:
        outcomes = [row.outcome(exercise) for row in rows]
        graded = [o for o in outcomes if o.graded]
        order: list[str] = []
        passed_by_check: Counter[str] = Counter()
        ran_by_check: Counter[str] = Counter()
        visibility: dict[str, str] = {}
        failing: dict[str, list[dict | None]] = {}
        for outcome in graded:
            for check in outcome.checks:
                name = str(check.get("name", ""))
                if name not in ran_by_check:
                    order.append(name)
                ran_by_check[name] += 1
                visibility.setdefault(name, check.get("visibility") or "visible")
                if check.get("status") == "pass":
                    passed_by_check[name] += 1
                else:
                    failing.setdefault(name, []).append(check.get("counterexample"))
        common = None
        if failing:
            # most students first; ties: the check listed first
            name = max(failing, key=lambda n: (len(failing[n]), -order.index(n)))
            examples = [e for e in failing[name] if e]
            common = CommonFailure(name, len(failing[name]),
                                   min(examples, key=_example_size) if examples else None)
        summaries.append(ExerciseSummary(
            exercise=exercise, title=_title(exercise), students=len(outcomes),
            submitted=sum(o.submitted for o in outcomes),
            passed=sum(1 for o in graded if o.checks
                       and all(c.get("status") == "pass" for c in o.checks)),
            not_gradable=dict(Counter(o.status for o in outcomes
                                      if o.submitted and not o.graded)),
            checks=tuple(CheckRate(n, passed_by_check[n], ran_by_check[n], visibility[n])
                         for n in order),
            common_failure=common))
    histogram = [0] * BINS
    for row in rows:
        histogram[min(int(row.percent // BINS), BINS - 1)] += 1
    percents = [row.percent for row in rows]
    missing = [(row.student_id, row.name, row.missing) for row in rows if row.missing]
    missing.sort(key=lambda item: -len(item[2]))  # stable: roster order within a group
    return ClassReport(
        assignment=standings.assignment.name, students=len(rows),
        max_points=standings.max_points, exercises=tuple(summaries),
        histogram=tuple(histogram),
        mean_percent=sum(percents, Fraction(0)) / len(percents) if percents else Fraction(0),
        median_percent=Fraction(median(percents)) if percents else Fraction(0),
        late=sum(1 for row in rows if row.days_late),
        not_submitted=tuple(missing), all_exercises=standings.assignment.exercises)


def _percent(value: Fraction) -> str:
    """Percentages to one decimal (points keep their 4)."""
    return f"{float(value):.1f}".rstrip("0").rstrip(".") + "%"


def _band(index: int) -> str:
    low = index * BINS
    return f"{low}–{low + BINS}%" if index < BINS - 1 else f"{low}–100%"


def _missing_text(report: ClassReport, exercises: tuple[str, ...]) -> str:
    return "all" if len(exercises) == len(report.all_exercises) else ", ".join(exercises)


def report_markdown(report: ClassReport, *, charts: dict[str, str] | None = None) -> str:
    """The report in Markdown; ``charts`` (name -> placeholder) marks where the HTML version
    puts its SVG."""
    charts = charts or {}
    parts = [f"# Class report: {md_text(report.assignment)}",
             f"{report.students} students · maximum {format_points(report.max_points)} points · "
             f"mean {_percent(report.mean_percent)} · median {_percent(report.median_percent)} · "
             f"{report.late} late"]
    parts.append("## Exercises")
    table = ["| exercise | submitted | passed | pass rate | could not grade |",
             "|---|---|---|---|---|"]
    for s in report.exercises:
        not_gradable = ", ".join(f"{status} {count}" for status, count
                                 in sorted(s.not_gradable.items())) or "–"
        table.append(f"| {s.exercise} · {md_text(s.title)} | {s.submitted}/{s.students} | "
                     f"{s.passed} | {_percent(100 * s.pass_rate)} | {not_gradable} |")
    parts.append("\n".join(table))
    if "pass_rate" in charts:
        parts.append(charts["pass_rate"])
    parts.append("## Score histogram")
    if "histogram" in charts:
        parts.append(charts["histogram"])
    else:
        width = max(report.histogram, default=0) or 1
        lines = [f"{_band(i):>9} {'█' * round(20 * count / width):<20} {count}"
                 for i, count in enumerate(report.histogram)]
        parts.append(md_block("\n".join(lines)))
    for s in report.exercises:
        parts.append(f"## {s.exercise} · {md_text(s.title)}")
        if s.common_failure is None:
            parts.append("No failing promise." if s.checks else "No file was graded.")
        else:
            failure = s.common_failure
            text = (f"Most common failing promise: **{md_text(failure.check)}**, "
                    f"failed by {failure.students} of {s.students} "
                    "students.")
            parts.append(text)
            example = failure.counterexample or {}
            for key in ("call", "expected", "got"):
                if example.get(key):
                    parts.append(f"{key}:\n\n{md_block(str(example[key]), 'python')}")
        if s.checks:
            rows = ["| check | passed | rate |", "|---|---|---|"]
            for c in s.checks:
                hidden = " (hidden)" if c.visibility == "hidden" else (
                    " (after due date)" if c.visibility == "after_due_date" else "")
                rate = _percent(Fraction(100 * c.passed, c.ran)) if c.ran else "–"
                rows.append(f"| {md_text(c.name)}{hidden} | {c.passed}/{c.ran} | {rate} |")
            parts.append("\n".join(rows))
    parts.append("## Did not submit")
    if report.not_submitted:
        parts.append("\n".join(
            f"- {md_text(sid)}{' ' + md_text(name) if name else ''}: "
            f"{_missing_text(report, exercises)}"
            for sid, name, exercises in report.not_submitted))
    else:
        parts.append("Everyone submitted every exercise.")
    return "\n\n".join(parts) + "\n"


def histogram_svg(report: ClassReport) -> str:
    width, height, left, bottom, top = 560, 220, 30, 30, 20
    plot_h = height - bottom - top
    bar_w = (width - left - 10) / BINS
    peak = max(report.histogram, default=0) or 1
    shapes = []
    for i, count in enumerate(report.histogram):
        h = plot_h * count / peak
        x = left + i * bar_w
        y = top + plot_h - h
        shapes.append(f'<rect x="{x + 2:.1f}" y="{y:.1f}" width="{bar_w - 4:.1f}" '
                      f'height="{h:.1f}" fill="#4c8bf5"><title>{_band(i)}: {count}</title></rect>')
        shapes.append(f'<text x="{x + bar_w / 2:.1f}" y="{y - 4:.1f}" '
                      f'text-anchor="middle">{count}</text>')
        shapes.append(f'<text x="{x + bar_w / 2:.1f}" y="{height - 10}" '
                      f'text-anchor="middle">{i * BINS}</text>')
    axis = (f'<line x1="{left}" y1="{top + plot_h}" x2="{width - 10}" y2="{top + plot_h}" '
            'stroke="#57606a"/>')
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            'role="img" aria-label="students per 10% band of the final score">'
            f'{axis}{"".join(shapes)}</svg>')


def pass_rate_svg(report: ClassReport) -> str:
    row_h, left, width = 22, 220, 560
    height = row_h * len(report.exercises) + 10
    shapes = []
    for i, s in enumerate(report.exercises):
        y = 5 + i * row_h
        w = (width - left - 60) * float(s.pass_rate)
        label = html.escape(f"{s.exercise} · {s.title}")
        shapes.append(f'<text x="{left - 6}" y="{y + 14}" text-anchor="end">{label}</text>')
        shapes.append(f'<rect x="{left}" y="{y + 3}" width="{width - left - 60}" height="14" '
                      'fill="#eaeef2"/>')
        shapes.append(f'<rect x="{left}" y="{y + 3}" width="{w:.1f}" height="14" '
                      f'fill="#2da44e"><title>{label}: {s.passed}/{s.students}</title></rect>')
        shapes.append(f'<text x="{width - 54}" y="{y + 14}">'
                      f'{html.escape(_percent(100 * s.pass_rate))}</text>')
    return (f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" '
            f'role="img" aria-label="pass rate per exercise">{"".join(shapes)}</svg>')


def report_html(report: ClassReport) -> str:
    """Markdown rendered with raw HTML off, then the SVG charts put where the placeholders
    are: student text can never become markup, the charts are ours."""
    marks = {"pass_rate": "CHART-PASS-RATE-7f3a", "histogram": "CHART-HISTOGRAM-7f3a"}
    body = markdown_to_html(report_markdown(report, charts=marks))
    body = body.replace(f"<p>{marks['pass_rate']}</p>", pass_rate_svg(report))
    body = body.replace(f"<p>{marks['histogram']}</p>", histogram_svg(report))
    return page(f"Class report: {report.assignment}", body)


def write_report(report: ClassReport, folder: Path) -> list[Path]:
    return write_files(folder, {REPORT_MD: report_markdown(report).encode("utf-8"),
                                REPORT_HTML: report_html(report).encode("utf-8")})


def render_terminal(report: ClassReport):
    """The report for a terminal: tables and bars drawn by rich."""
    from rich.console import Group
    from rich.markup import escape
    from rich.progress_bar import ProgressBar
    from rich.table import Table
    from rich.text import Text

    parts: list = [Text(f"Class report: {report.assignment}", style="bold"),
                   Text(f"{report.students} students · maximum "
                        f"{format_points(report.max_points)} points · mean "
                        f"{_percent(report.mean_percent)} · median "
                        f"{_percent(report.median_percent)} · {report.late} late")]
    table = Table(box=None, title="exercises", title_justify="left")
    for column in ("exercise", "pass rate", "", "submitted", "most common failing promise"):
        table.add_column(column)
    for s in report.exercises:
        failure = s.common_failure
        table.add_row(escape(f"{s.exercise} · {s.title}"),
                      ProgressBar(total=max(s.students, 1), completed=s.passed, width=16),
                      _percent(100 * s.pass_rate), f"{s.submitted}/{s.students}",
                      escape(f"{failure.check} ({failure.students})") if failure else "–")
    parts.append(table)
    histogram = Table(box=None, title="final scores", title_justify="left", show_header=False)
    histogram.add_column(justify="right")
    histogram.add_column()
    peak = max(report.histogram, default=0) or 1
    for i, count in enumerate(report.histogram):
        histogram.add_row(_band(i), Text("█" * round(30 * count / peak) + f" {count}",
                                         style="cyan"))
    parts.append(histogram)
    if report.not_submitted:
        parts.append(Text("did not submit: " + "; ".join(
            f"{sid} ({_missing_text(report, exercises)})"
            for sid, _name, exercises in report.not_submitted)))
    return Group(*parts)
