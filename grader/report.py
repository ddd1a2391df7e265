"""Verdicts for people (rich text) and for programs: one table of output formats.

``FORMATS`` names every way a set of verdicts can be written: ``text`` (rich panels, or a
summary table for ``check --all``), ``json`` (exercism's results.json v3 shape) and ``github``
(the GitHub Classroom autograding runner's ``result=<base64 JSON>`` output line, which the
classroom reporter decodes into points). ``grader check`` and ``check --all`` go through
``write_report``; a new export adds a row here.
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import IO, Any

from rich.console import Console, Group
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table
from rich.text import Text

from grader.verdict import CheckResult, Verdict

JSON_OUTPUT_CAP = 500
DETAILED_FAILURES = 2  # more than this at once buries the one to fix first
_ICON = {"pass": ("✔", "green"), "fail": ("✘", "red"), "error": ("!", "yellow")}


def to_results_json(verdict: Verdict) -> dict[str, Any]:
    """exercism's results.json v3 fields, plus what a gradebook needs to reproduce the run."""
    tests = []
    for result in verdict.checks:
        entry = {"name": result.name, "status": result.status, "message": result.message or None,
                 "output": _cap_output(result.output), "examples": result.examples}
        if result.counterexample is not None:
            entry["counterexample"] = {"call": result.counterexample.call,
                                       "expected": result.counterexample.expected,
                                       "got": result.counterexample.got}
        tests.append(entry)
    return {
        "version": 3,
        "status": verdict.status,
        "message": verdict.message if verdict.status == "error" else None,
        "tests": tests,
        "exercise": verdict.exercise_id,
        "file": verdict.submission,
        "line": verdict.line,
        "seed": verdict.seed,
        "hypothesis_version": verdict.hypothesis_version,
        "grader_version": verdict.grader_version,
        "submission_sha256": verdict.submission_sha256,
        "duration_s": round(verdict.duration_s, 3),
    }


def _cap_output(output: str) -> str | None:
    if not output:
        return None
    if len(output) <= JSON_OUTPUT_CAP:
        return output
    return output[:JSON_OUTPUT_CAP] + f"\n[output truncated: {len(output)} characters in all]"


def render_verdict(verdict: Verdict, *, verbose: bool = False,
                   summary_first: bool = False) -> Group:
    """``summary_first``: the outcome line under the title, for a pane that shows only its top
    lines (the app at 80x24); a terminal reads the last line, so the CLI keeps it at the end."""
    parts: list[Any] = []
    title = Text.assemble((f"exercise {verdict.exercise_id}", "bold"), "  ",
                          (verdict.submission, "dim"))
    parts.append(title)
    icon, style = _ICON[verdict.status]
    summary = Text.assemble((f"{icon} {verdict.message}", f"bold {style}"),
                            (f"  ({verdict.duration_s:.1f} s)", "dim"))
    if summary_first and verdict.status != "error":
        parts.append(summary)
    if verdict.status == "error":
        parts.append(Panel(Text(verdict.message), title="cannot grade this file",
                           border_style="yellow", expand=False))
    failing_shown = 0
    for result in verdict.checks:
        brief = result.status != "pass" and failing_shown >= DETAILED_FAILURES and not verbose
        failing_shown += result.status != "pass"
        parts.extend(_render_check(result, verbose, brief=brief))
    if failing_shown > DETAILED_FAILURES and not verbose:
        parts.append(Text(f"  details of the first {DETAILED_FAILURES} failing checks shown; "
                          "fix those first, or add --verbose to see all", style="dim"))
    if verdict.status != "error" and not summary_first:
        parts.append(summary)
    return Group(*parts)


def _render_check(result: CheckResult, verbose: bool, *, brief: bool = False) -> list[Any]:
    icon, style = _ICON[result.status]
    rows: list[Any] = [Text.assemble((f"  {icon} ", style), (result.name, style if
                                                             result.status != "pass" else ""))]
    if (result.status == "pass" and not verbose) or brief:
        return rows
    if result.message:
        rows.append(Text("      " + result.message.replace("\n", "\n      "), style="default"))
    example = result.counterexample
    if example is not None and (example.call or example.expected or example.got):
        table = Table(show_header=False, box=None, padding=(0, 1), pad_edge=False)
        table.add_column(style="bold cyan", no_wrap=True)
        table.add_column(overflow="fold")
        if example.call:
            table.add_row("call", escape(example.call))
        if example.expected is not None:
            table.add_row("expected", escape(example.expected))
        if example.got is not None:
            table.add_row("got", escape(example.got))
        rows.append(Panel(table, title="smallest failing case", title_align="left",
                          border_style=style, expand=False, padding=(0, 1)))
    if result.output:
        rows.append(Panel(Text(result.output), title="your code printed", title_align="left",
                          border_style="dim", expand=False))
    return rows


def print_verdict(console: Console, verdict: Verdict, *, verbose: bool = False) -> None:
    console.print(render_verdict(verdict, verbose=verbose))


# --- the formats table ---------------------------------------------------------------------

@dataclass(frozen=True)
class ReportOptions:
    verbose: bool = False  # text: details of passing checks too
    # text: one summary row per file (``check --all``), with these titles by exercise id
    summary_titles: Mapping[str, str] | None = None
    many: bool = False  # json: always a list, even of one document
    console: Console | None = field(default=None, compare=False)  # text: where to print


def _write_text(verdicts: Sequence[Verdict], out: IO[str], options: ReportOptions) -> None:
    console = options.console or Console(file=out, highlight=False)
    if options.summary_titles is None:
        for verdict in verdicts:
            print_verdict(console, verdict, verbose=options.verbose)
        return
    table = Table(title=f"{sum(v.passed for v in verdicts)} of {len(verdicts)} passing")
    for column in ("#", "exercise", "status", "checks", "first problem"):
        table.add_column(column, overflow="fold")
    for verdict in verdicts:
        style = _ICON[verdict.status][1]
        passed = sum(c.status == "pass" for c in verdict.checks)
        problem = next((c.name for c in verdict.checks if c.status != "pass"),
                       verdict.message.splitlines()[0] if verdict.status == "error" else "")
        table.add_row(verdict.exercise_id,
                      options.summary_titles.get(verdict.exercise_id, ""),
                      f"[{style}]{verdict.status}[/]",
                      f"{passed}/{len(verdict.checks)}", problem)
    console.print(table)


def _write_json(verdicts: Sequence[Verdict], out: IO[str], options: ReportOptions) -> None:
    documents = [to_results_json(v) for v in verdicts]
    json.dump(documents if options.many or len(documents) != 1 else documents[0], out,
              ensure_ascii=False, indent=2)
    out.write("\n")


def to_github_results(verdicts: Sequence[Verdict]) -> dict[str, Any]:
    """The document GitHub Classroom's autograding runners encode (``version``, ``status``,
    ``max_score``, ``tests[]`` with ``name``, ``status``, ``score``, ``message``).

    The reporter adds up the tests' ``score`` against ``max_score``: each check is worth its
    weight from exercise.toml (1 by default). A file that could not be graded scores 0 of its
    checks' total. Checks marked hidden (or shown after the due date) give no details."""
    from grader.exercise import get_exercise

    tests: list[dict[str, Any]] = []
    for verdict in verdicts:
        exercise = get_exercise(verdict.exercise_id)
        if verdict.status == "error":
            names = [spec.name for spec in exercise.checks()]
            worth = sum(exercise.meta_of(name).weight for name in names)
            tests.append({"name": f"exercise {verdict.exercise_id}", "status": "error",
                          "score": 0, "max_score": worth, "message": verdict.message,
                          "line_no": verdict.line})
            continue
        for result in verdict.checks:
            meta = exercise.meta_of(result.name)
            shown = meta.visibility == "visible"
            tests.append({"name": f"exercise {verdict.exercise_id}: {result.name}",
                          "status": result.status,
                          "score": meta.weight if result.status == "pass" else 0,
                          "max_score": meta.weight,
                          "message": (result.message or None) if shown else None})
    statuses = {v.status for v in verdicts}
    status = "error" if "error" in statuses else "fail" if "fail" in statuses else "pass"
    return {"version": 1, "status": status,
            "max_score": sum(test["max_score"] for test in tests), "tests": tests}


def github_output_line(document: dict[str, Any]) -> str:
    """What the runner appends to $GITHUB_OUTPUT: `grader check … --format github >>
    "$GITHUB_OUTPUT"` in a step with an id; the reporter decodes that step's `result`."""
    text = json.dumps(document, ensure_ascii=False, separators=(",", ":"))
    return "result=" + base64.b64encode(text.encode("utf-8")).decode("ascii") + "\n"


def _write_github(verdicts: Sequence[Verdict], out: IO[str], options: ReportOptions) -> None:
    out.write(github_output_line(to_github_results(verdicts)))


Writer = Callable[[Sequence[Verdict], IO[str], ReportOptions], None]
FORMATS: dict[str, Writer] = {"text": _write_text, "json": _write_json, "github": _write_github}


def write_report(fmt: str, verdicts: Sequence[Verdict], out: IO[str],
                 options: ReportOptions | None = None) -> None:
    """Write ``verdicts`` in format ``fmt`` (a key of ``FORMATS``) to ``out``."""
    FORMATS[fmt](verdicts, out, options or ReportOptions())
