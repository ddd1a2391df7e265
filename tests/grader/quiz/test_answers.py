"""Typed answers are compared leniently: shapes, numbers, exceptions, booleans."""

from __future__ import annotations

import pytest

from grader.quiz.answers import same_answer


@pytest.mark.parametrize("typed", ["(3, 4)", "3,4", "torch.Size([3, 4])", " [3, 4] ", "3, 4"])
def test_shapes(typed):
    assert same_answer(typed, "torch.Size([3, 4])")


@pytest.mark.parametrize("typed, answer, same", [
    ("5", "5.0", True), ("KeyError", "raises KeyError", True),
    ("keyerror", "raises KeyError", True),
    ("true", "True", True), ("对", "True", True), ("f", "False", True),
    ("(3, 4)", "torch.Size([4, 3])", False), ("5", "6.0", False),
    ("ValueError", "raises KeyError", False), ("{'a': 1}", "{'a':1}", True),
])
def test_other_answers(typed, answer, same):
    assert same_answer(typed, answer) is same
