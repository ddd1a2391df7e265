"""Parametrised question templates, one module per topic.

A template draws its numbers from a seeded ``random.Random`` and returns a ``Draft``: the
snippet to show (and run, exactly as shown), the question text in English and Chinese, a short
explanation, and the wrong choices that the classic mistakes give. The answer is never written
here: it is what the snippet prints (or the exception it raises) in the sandbox.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field

KINDS = ("choice", "short", "truefalse", "output")


@dataclass(frozen=True)
class Draft:
    code: str
    en: str
    zh: str
    explain_en: str
    explain_zh: str
    # Wrong choices from the classic mistakes; empty: the learner types the answer.
    traps: tuple[str, ...] = ()
    # From the snippet's outcome text to the answer (e.g. count the printed lines).
    derive: Callable[[str], str] | None = field(default=None, compare=False)


@dataclass(frozen=True)
class Template:
    id: str
    topic: str
    kind: str
    title_en: str
    title_zh: str
    draw: Callable[[random.Random], Draft]


REGISTRY: dict[str, Template] = {}


def template(template_id: str, kind: str, title_en: str, title_zh: str
             ) -> Callable[[Callable[[random.Random], Draft]], Callable[[random.Random], Draft]]:
    """Register a draw function under ``topic.name``; the topic is the id's first part."""
    assert kind in KINDS, kind

    def register(draw: Callable[[random.Random], Draft]) -> Callable[[random.Random], Draft]:
        topic = template_id.split(".")[0]
        REGISTRY[template_id] = Template(template_id, topic, kind, title_en, title_zh, draw)
        return draw

    return register


def all_templates() -> dict[str, Template]:
    """Every code template, by id (importing the topic modules registers them)."""
    from grader.quiz.templates import (  # noqa: F401
        data,
        device,
        functions,
        helpers,
        model,
        python,
        training,
    )

    return dict(REGISTRY)


def lines(outcome: str) -> str:
    """Printed lines joined with " / ", so a multi-line output fits one choice."""
    return " / ".join(line for line in outcome.splitlines() if line.strip()) or "(nothing)"
