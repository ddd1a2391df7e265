"""Verdicts for people (rich text) and for programs (exercism results.json v3 shape)."""

from __future__ import annotations

from typing import Any

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
