"""`grader quiz` in a pseudo-terminal: right, wrong, Ctrl+C; the log and the due dates."""

from __future__ import annotations

import os
import random
import signal
import sys
from pathlib import Path

import pexpect

from grader.progress import ProgressLog
from grader.quiz.bank import BankEntry
from grader.quiz.question import LEARNER_ENV, generate
from grader.quiz.schedule import card_states
from grader.quiz.session import cards, plan
from grader.quiz.snippets import SnippetRunner
from grader.sandbox.limits import Limits

GRADER = str(Path(sys.executable).parent / "grader")
ARGS = ["quiz", "--topic", "python", "--count", "3", "--seed", "5"]


def _expected(torch_zygote) -> list:
    """The same plan and questions the command will make from the same seed."""
    pool = cards("python")
    items = plan(pool, 3, random.Random(5))
    code = [(pool[c], s) for c, s in items if not isinstance(pool[c], BankEntry)]
    with SnippetRunner(Limits(), torch_zygote) as runner:
        made = {(q.template_id, q.seed): q for q in generate(code, runner)}
    return [pool[c].question(s) if isinstance(pool[c], BankEntry) else made[(c, s)]
            for c, s in items]


def _right(question) -> str:
    if question.choices:
        return chr(ord("a") + question.choices.index(question.answer))
    return question.answer


def _wrong(question) -> str:
    if question.choices:
        wrong = next(i for i, c in enumerate(question.choices) if c != question.answer)
        return chr(ord("a") + wrong)
    return "definitely not it"


def test_quiz_right_wrong_then_ctrl_c(tmp_path, torch_zygote):
    (tmp_path / "grader.yaml").write_text("UI:\n  LANG: en\n", encoding="utf-8")
    questions = _expected(torch_zygote)
    env = {k: v for k, v in os.environ.items() if k != LEARNER_ENV}
    child = pexpect.spawn(GRADER, ARGS, cwd=str(tmp_path), env=env, encoding="utf-8",
                          timeout=60)
    try:
        child.expect_exact("[1/3]")
        child.expect_exact("answer> ")
        child.sendline(_right(questions[0]))
        child.expect_exact("✓ right")
        child.expect_exact("[2/3]")
        child.expect_exact("answer> ")
        child.sendline(_wrong(questions[1]))
        child.expect_exact("✗ wrong")
        child.expect_exact("[3/3]")
        child.expect_exact("answer> ")
        child.kill(signal.SIGINT)
        child.expect_exact("stopped")
        child.expect_exact("score: 1/2")
        child.expect_exact("next review: ")
        child.expect(pexpect.EOF)
    finally:
        child.close()
    assert child.exitstatus == 0

    records = ProgressLog(tmp_path / "progress.jsonl").read()
    answers = [r for r in records if r["event"] == "quiz"]
    assert [(r["template"], r["seed"], r["correct"]) for r in answers] == [
        (questions[0].template_id, questions[0].seed, True),
        (questions[1].template_id, questions[1].seed, False)]
    states = card_states(records)
    assert states[questions[0].template_id].due > states[questions[1].template_id].due


def test_quiz_list_and_bad_topic(tmp_path):
    listed = pexpect.run(GRADER, args=["quiz", "--list"], cwd=str(tmp_path), encoding="utf-8",
                         withexitstatus=True)
    assert listed[1] == 0 and "python.dict_pop" in listed[0] and "device (" in listed[0]
    bad = pexpect.run(GRADER, args=["quiz", "--topic", "nope"], cwd=str(tmp_path),
                      encoding="utf-8", withexitstatus=True)
    assert bad[1] == 2 and "unknown topic" in bad[0]
