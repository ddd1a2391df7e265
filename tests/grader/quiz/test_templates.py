"""Every template, for 200 seeds: the recorded answer is what re-running its snippet gives, and
its choices hold exactly one right answer. One sandbox call per template and pass."""

from __future__ import annotations

import pytest

from grader.learner import TOPICS
from grader.quiz.answers import normalize
from grader.quiz.bank import load_bank
from grader.quiz.question import draft, generate
from grader.quiz.session import cards
from grader.quiz.snippets import SnippetRunner
from grader.quiz.templates import all_templates
from grader.sandbox.limits import Limits

SEEDS = range(200)
TEMPLATES = all_templates()


def _one_right(question) -> None:
    right = [c for c in question.choices if normalize(c) == normalize(question.answer)]
    assert len(right) == 1, (question.template_id, question.seed, question.choices)
    assert question.answer in question.choices
    assert len(question.choices) >= 2, (question.template_id, question.seed)
    assert len({normalize(c) for c in question.choices}) == len(question.choices)
    letter = chr(ord("a") + question.choices.index(question.answer))
    assert question.is_correct(letter)


@pytest.mark.parametrize("template_id", sorted(TEMPLATES))
def test_answers_are_what_the_snippet_gives(template_id, torch_zygote):
    template = TEMPLATES[template_id]
    with SnippetRunner(Limits(), torch_zygote) as runner:
        questions = generate([(template, seed) for seed in SEEDS], runner)
        again = runner.run([q.code for q in questions])
    for seed, question, outcome in zip(SEEDS, questions, again, strict=True):
        made = draft(template, seed)
        assert made.code == question.code  # same seed, same question
        expected = made.derive(outcome) if made.derive else outcome
        assert question.answer == expected, (seed, question.code)
        assert question.is_correct(question.answer)
        if question.choices:
            _one_right(question)
        else:
            assert not question.answer.startswith("raises "), (seed, question.code)
            assert question.answer.strip()


def test_learner_id_changes_the_numbers():
    template = TEMPLATES["model.flatten"]
    codes = {draft(template, 7, learner).code for learner in ("", "ann", "bo", "cy", "dee")}
    assert len(codes) > 1
    assert draft(template, 7, "ann").code == draft(template, 7, "ann").code


def test_bank_questions_have_one_right_answer():
    for entry in load_bank().values():
        for seed in range(20):
            question = entry.question(seed)
            assert question.is_correct(entry.answer)
            if question.choices:
                _one_right(question)


def test_every_topic_has_four_cards_and_forty_in_all():
    pool = cards()
    assert len(pool) >= 40
    for topic in TOPICS:
        assert sum(card.topic == topic for card in pool.values()) >= 4, topic
    assert {card.topic for card in pool.values()} <= set(TOPICS)
