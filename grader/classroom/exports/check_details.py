"""A check's result told to a student, as plain text or Markdown: the message, the smallest
failing call, expected and got, what their code printed; or why the details are withheld.
Takes a check already passed through ``visibility.student_view``."""

from __future__ import annotations

from grader.classroom.exports.markdown import md_block, md_lines, md_text
from grader.classroom.exports.wording import text

OUTPUT_CAP = 2000  # characters of printed output kept per check


def test_name(exercise: str, check_name: str) -> str:
    return f"{exercise} · {check_name}"


def file_test_name(exercise: str) -> str:
    """The one entry an exercise gets when its file could not be graded (or is missing)."""
    return test_name(exercise, f"exercise_{exercise}.py")


def capped(output: str) -> str:
    if len(output) <= OUTPUT_CAP:
        return output
    return output[:OUTPUT_CAP] + f"\n[… {len(output) - OUTPUT_CAP} more characters]"


def _rows(view: dict, lang: str) -> list[tuple[str, str]]:
    example = view.get("counterexample") or {}
    rows = []
    for key in ("call", "expected", "got"):
        if example.get(key) is not None and example.get(key) != "":
            rows.append((text(lang, key), str(example[key])))
    return rows


def plain_details(view: dict, lang: str) -> str:
    """Plain text (GitHub, PrairieLearn messages); empty for a passing visible check."""
    if view.get("withheld"):
        return text(lang, f"withheld.{view['withheld']}")
    parts = []
    if view.get("message"):
        parts.append(str(view["message"]))
    parts += [f"{label}: {value}" for label, value in _rows(view, lang)]
    if view.get("output"):
        parts.append(f"{text(lang, 'printed')}:\n{capped(str(view['output']))}")
    return "\n".join(parts)


def md_details(view: dict, lang: str) -> str:
    """Markdown (Gradescope output, feedback files); everything the student wrote escaped."""
    if view.get("withheld"):
        return md_text(text(lang, f"withheld.{view['withheld']}"))
    parts = []
    if view.get("message"):
        parts.append(md_lines(str(view["message"])))
    for label, value in _rows(view, lang):
        parts.append(f"**{md_text(label)}**\n\n{md_block(value, 'python')}")
    if view.get("output"):
        parts.append(f"**{md_text(text(lang, 'printed'))}**\n\n{md_block(capped(view['output']))}")
    return "\n\n".join(parts)
