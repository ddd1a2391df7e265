"""The conceptual question bank (data/quiz/*.toml): questions that need no code to run."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache

from grader.content import data_root
from grader.quiz.question import Question, pick_choices, question_rng

TRUE_FALSE = ("True", "False")


class BankError(Exception):
    """A bank file is malformed; the message names the file and the entry."""


@dataclass(frozen=True)
class BankEntry:
    id: str
    topic: str
    kind: str
    en: str
    zh: str
    answer: str
    explain_en: str
    explain_zh: str
    traps: tuple[str, ...] = ()
    code: str | None = None

    @property
    def title_en(self) -> str:
        return self.en

    @property
    def title_zh(self) -> str:
        return self.zh

    def question(self, seed: int, learner: str | None = None) -> Question:
        """The seed only shuffles the choices: the facts asked never change."""
        choices: tuple[str, ...] = ()
        if self.kind == "choice":
            choices = pick_choices(self.answer, self.traps, question_rng(self.id, seed, learner))
        return Question(self.id, self.topic, self.kind, seed, self.en, self.zh, self.answer,
                        self.explain_en, self.explain_zh, self.code, choices)


REQUIRED = ("id", "topic", "kind", "en", "zh", "answer", "explain_en", "explain_zh")


@cache
def load_bank() -> dict[str, BankEntry]:
    """Every bank entry by id, from all TOML files under data/quiz/."""
    entries: dict[str, BankEntry] = {}
    for path in sorted((data_root() / "quiz").glob("*.toml")):
        try:
            document = tomllib.loads(path.read_text(encoding="utf-8"))
        except (OSError, tomllib.TOMLDecodeError) as exc:
            raise BankError(f"{path}: cannot read it ({exc})") from None
        for number, raw in enumerate(document.get("question", []), start=1):
            missing = [key for key in REQUIRED if key not in raw]
            if missing:
                raise BankError(f"{path}, question {number}: missing {', '.join(missing)}")
            if raw["kind"] == "truefalse" and raw["answer"] not in TRUE_FALSE:
                raise BankError(f"{path}, {raw['id']}: a truefalse answer is True or False")
            if raw["kind"] == "choice" and not raw.get("traps"):
                raise BankError(f"{path}, {raw['id']}: a choice question needs traps")
            code = raw.get("code")
            entries[raw["id"]] = BankEntry(
                raw["id"], raw["topic"], raw["kind"], raw["en"], raw["zh"], str(raw["answer"]),
                raw["explain_en"], raw["explain_zh"], tuple(raw.get("traps", ())),
                code.strip("\n") if code else None)
    return entries
