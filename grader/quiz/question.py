"""A question as the learner sees it, and how one is made from a template or a bank entry.

Code templates are generated in batches: draw every draft, run all snippets in one sandbox
call, then pose each question from its snippet's outcome.
"""

from __future__ import annotations

import hashlib
import os
import random
from dataclasses import dataclass

from grader.quiz.answers import normalize, same_answer
from grader.quiz.templates import Draft, Template

LEARNER_ENV = "GRADER_LEARNER_ID"  # a class sets one id per student: different numbers each
MAX_CHOICES = 4


@dataclass(frozen=True)
class Question:
    template_id: str
    topic: str
    kind: str
    seed: int
    en: str
    zh: str
    answer: str
    explain_en: str
    explain_zh: str
    code: str | None = None
    choices: tuple[str, ...] = ()

    def text(self, lang: str) -> str:
        return self.zh if lang == "zh" else self.en

    def explanation(self, lang: str) -> str:
        return self.explain_zh if lang == "zh" else self.explain_en

    def is_correct(self, response: str) -> bool:
        """A letter picks a choice; otherwise the typed text is compared leniently."""
        picked = response.strip().lower()
        if self.choices and len(picked) == 1 and "a" <= picked < chr(ord("a") + len(self.choices)):
            return self.choices[ord(picked) - ord("a")] == self.answer
        return same_answer(response, self.answer)


def question_rng(template_id: str, seed: int, learner: str | None = None) -> random.Random:
    """Same template, seed and learner id: the same numbers, on every machine."""
    learner = os.environ.get(LEARNER_ENV, "") if learner is None else learner
    digest = hashlib.sha256(f"{learner}\0{template_id}\0{seed}".encode()).digest()
    return random.Random(int.from_bytes(digest[:8], "big"))


def pick_choices(answer: str, traps: tuple[str, ...] | list[str], rng: random.Random
                 ) -> tuple[str, ...]:
    """The answer plus up to three traps that differ from it and from each other, shuffled."""
    seen = {normalize(answer)}
    wrong: list[str] = []
    for trap in traps:
        key = normalize(trap)
        if key not in seen and len(wrong) < MAX_CHOICES - 1:
            seen.add(key)
            wrong.append(trap)
    choices = [answer, *wrong]
    rng.shuffle(choices)
    return tuple(choices)


def draft(template: Template, seed: int, learner: str | None = None) -> Draft:
    return template.draw(question_rng(template.id, seed, learner))


def pose(template: Template, seed: int, made: Draft, outcome: str,
         learner: str | None = None) -> Question:
    """The question for a draft, given what its snippet printed or raised in the sandbox."""
    answer = made.derive(outcome) if made.derive else outcome
    choices: tuple[str, ...] = ()
    if made.traps:
        rng = question_rng(template.id + "/choices", seed, learner)
        choices = pick_choices(answer, made.traps, rng)
    return Question(template.id, template.topic, template.kind, seed, made.en, made.zh, answer,
                    made.explain_en, made.explain_zh, made.code, choices)


def generate(templates: list[tuple[Template, int]], runner, learner: str | None = None
             ) -> list[Question]:
    """Questions for (template, seed) pairs; every snippet runs in one sandbox call."""
    drafts = [draft(t, seed, learner) for t, seed in templates]
    outcomes = runner.run([d.code for d in drafts])
    return [pose(t, seed, d, outcome, learner)
            for (t, seed), d, outcome in zip(templates, drafts, outcomes, strict=True)]
