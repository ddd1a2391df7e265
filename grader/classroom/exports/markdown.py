"""Putting text a student wrote into Markdown without it becoming Markdown: inline text is
backslash-escaped (no links, images or raw HTML), blocks go in a fence longer than any run of
backticks inside them."""

from __future__ import annotations

import re

_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")
# Special only at the start of a line: headings, lists, ordered lists ("1." "1)").
_LINE_START = re.compile(r"^([#+\-])(?=\s|$)")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")


def md_text(value: str) -> str:
    """Inline text, every Markdown and HTML special character escaped, on one line."""
    escaped = _SPECIAL.sub(r"\\\1", " ".join(value.split()))
    return _ORDERED.sub(r"\1\\\2", _LINE_START.sub(r"\\\1", escaped))


def md_block(value: str, info: str = "text") -> str:
    """A fenced code block that ``value`` cannot close early."""
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * max(3, longest + 1)
    return f"{fence}{info}\n{value.rstrip()}\n{fence}"


def md_lines(value: str) -> str:
    """Several lines of text, each escaped like :func:`md_text`, kept as line breaks."""
    lines = [md_text(line) for line in value.strip().splitlines() if line.strip()]
    return "\\\n".join(lines)
