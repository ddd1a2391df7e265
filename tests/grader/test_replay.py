"""Warm re-grades replay recorded examples: every verdict must be exactly a full run's.

Each subject is graded three ways on the same zygote: a plain full run (no recording), then
twice with the recording a reference run left (the second time the answers just recorded are
known, so examples pass without running the check's body); and a fourth, as a cold check
does, replaying what a forked copy drew for the later checks. All verdicts must be equal:
status, messages, counterexamples, output and the number of examples of every check. Most
subjects run 40 examples a check to keep the suite quick; the bench's own scenario (reference
and first wrong variants of 20 and 04) runs the full 100.
"""

from __future__ import annotations

import json

import pytest

from grader import wire
from grader.config import load_config
from grader.exercise import get_exercise
from grader.judge.replay import PASSED, REJECTED, _replayable, check_keys, draw_examples
from grader.judge.runner import RecordedExamples, grade

EX20 = get_exercise("20")
EX04 = get_exercise("04")
EX09 = get_exercise("09")  # its checks call assume(): rejected examples must replay as such
EX18 = get_exercise("18")  # draws with st.data() inside checks: never replayed


def _comparable(verdict) -> dict:
    record = verdict.to_dict()
    record.pop("duration_s")
    record.pop("submission")
    return record


def _subjects(exercise, extra: dict[str, str] | None = None) -> list:
    subjects = [("reference", exercise.reference.read_text(encoding="utf-8")),
                ("starter", exercise.starter.read_text(encoding="utf-8"))]
    subjects += [(f"wrong/{w.file.name}", w.file.read_text(encoding="utf-8"))
                 for w in exercise.wrong]
    subjects += list((extra or {}).items())
    return subjects


# Variants that exercise the replay's edges: output, a crash or a wrong answer late in a
# check (after calls were sent ahead), a timeout, answers that differ from the recorded
# ones yet pass.
EX20_EXTRA = {
    "prints": ("def drop_keys(d, keys):\n    print('called with', d)\n"
               "    drop = set(keys)\n    return {k: v for k, v in d.items() if k not in drop}\n"),
    "crashes at call 30": (
        "import os\nn = 0\ndef drop_keys(d, keys):\n    global n\n    n += 1\n"
        "    if n == 30:\n        os._exit(3)\n"
        "    drop = set(keys)\n    return {k: v for k, v in d.items() if k not in drop}\n"),
    "wrong from call 40": (
        "n = 0\ndef drop_keys(d, keys):\n    global n\n    n += 1\n"
        "    drop = set(keys)\n    out = {k: v for k, v in d.items() if k not in drop}\n"
        "    if n >= 40 and out:\n        out.popitem()\n    return out\n"),
    # Answers bigger than a socket's buffer while calls are sent ahead: nothing deadlocks.
    "prints a lot": ("def drop_keys(d, keys):\n    print('x' * 20000)\n"
                     "    drop = set(keys)\n"
                     "    return {k: v for k, v in d.items() if k not in drop}\n"),
    "crashes on some inputs": (
        "import os\ndef drop_keys(d, keys):\n    if len(d) == 4 and len(keys) == 3:\n"
        "        os._exit(3)\n"
        "    drop = set(keys)\n    return {k: v for k, v in d.items() if k not in drop}\n"),
    "wrong on some inputs": (
        "def drop_keys(d, keys):\n    drop = set(keys)\n"
        "    out = {k: v for k, v in d.items() if k not in drop}\n"
        "    if len(d) == 5 and out:\n        out.popitem()\n    return out\n"),
    # Only in the check that passes a one-shot iterator: one timeout per grade.
    "hangs at call 20": (
        "n = 0\ndef drop_keys(d, keys):\n    global n\n    n += 1\n"
        "    while n == 20 and not isinstance(keys, list):\n        pass\n"
        "    drop = set(keys)\n    return {k: v for k, v in d.items() if k not in drop}\n"),
}
EX04_EXTRA = {
    # Same values up to float rounding: the answers differ from the reference's bit for bit,
    # so the check's body runs on them (and passes).
    "double precision": (
        "import torch\n"
        "def channel_stats(images):\n"
        "    flat = images.double().transpose(0, 1).reshape(images.shape[1], -1)\n"
        "    return flat.mean(dim=1).float(), flat.std(dim=1, unbiased=False).float()\n"
        "def normalize(images, mean, std):\n"
        "    return ((images.double() - mean.double().view(-1, 1, 1))"
        " / std.double().view(-1, 1, 1)).float()\n"),
}


@pytest.fixture(scope="module")
def books():
    return {}


def _book(books, exercise, zygote, cfg) -> RecordedExamples:
    if exercise.id not in books:
        book = RecordedExamples()
        assert grade(exercise, exercise.reference, zygote, cfg, examples=book).passed
        books[exercise.id] = book
    return books[exercise.id]


def _same_three_ways(exercise, zygote, cfg, book, path):
    """And a fourth: a cold grade whose later checks replay what a forked copy drew."""
    full = grade(exercise, path, zygote, cfg)
    replayed = grade(exercise, path, zygote, cfg, examples=book)
    again = grade(exercise, path, zygote, cfg, examples=book)
    predrawn = grade(exercise, path, zygote, cfg, predraw=True)
    assert _comparable(replayed) == _comparable(full)
    assert _comparable(again) == _comparable(full)
    assert _comparable(predrawn) == _comparable(full)
    return full


@pytest.mark.parametrize(("name", "source"), _subjects(EX20, EX20_EXTRA),
                         ids=[n for n, _ in _subjects(EX20, EX20_EXTRA)])
def test_replayed_verdicts_equal_full_runs_ex20(name, source, zygote, books,
                                                 write_submission):
    cfg = load_config(None, ["CHECK.CALL_TIMEOUT", "1.0",  # the hanging variant: 1 s
                             "CHECK.MAX_EXAMPLES", "40"])
    book = _book(books, EX20, zygote, cfg)
    verdict = _same_three_ways(EX20, zygote, cfg, book, write_submission(source))
    assert verdict.status == ("pass" if name in ("reference", "prints", "prints a lot")
                              else "fail")


@pytest.mark.parametrize(("name", "source"), _subjects(EX04, EX04_EXTRA),
                         ids=[n for n, _ in _subjects(EX04, EX04_EXTRA)])
def test_replayed_verdicts_equal_full_runs_ex04(name, source, torch_zygote, books,
                                                 write_submission):
    cfg = load_config(None, ["CHECK.MAX_EXAMPLES", "40"])
    book = _book(books, EX04, torch_zygote, cfg)
    path = write_submission(source, "exercise_04.py")
    verdict = _same_three_ways(EX04, torch_zygote, cfg, book, path)
    assert verdict.status == ("pass" if name in ("reference", "double precision") else "fail")


@pytest.mark.parametrize("subject", [EX09.reference, EX09.starter, *(w.file for w in EX09.wrong)],
                         ids=lambda p: p.name)
def test_rejected_examples_replay_as_rejected(subject, torch_zygote, books):
    cfg = load_config(None, ["CHECK.MAX_EXAMPLES", "40"])
    book = _book(books, EX09, torch_zygote, cfg)
    outcomes = {e.outcome for key, spec, _, _ in check_keys(EX09, cfg)
                if spec.strategies for e in book.get(key) or ()}
    assert outcomes == {PASSED, REJECTED}
    _same_three_ways(EX09, torch_zygote, cfg, book, subject)


def test_checks_that_draw_inside_are_never_replayed(torch_zygote, quick_cfg):
    book = RecordedExamples()
    assert grade(EX18, EX18.reference, torch_zygote, quick_cfg, examples=book).passed
    keys = [(key, spec) for key, spec, _, _ in check_keys(EX18, quick_cfg) if spec.strategies]
    interactive = [key for key, spec in keys if "data" in spec.strategies]
    assert interactive
    assert all(book.knows(key) and book.get(key) is None for key in interactive)
    full = _comparable(grade(EX18, EX18.starter, torch_zygote, quick_cfg))
    assert _comparable(grade(EX18, EX18.starter, torch_zygote, quick_cfg, examples=book)) == full
    assert _comparable(grade(EX18, EX18.starter, torch_zygote, quick_cfg, predraw=True)) == full


def _text(drawn: dict) -> str:
    return json.dumps({k: wire.encode(v) for k, v in drawn.items()}, sort_keys=True)


@pytest.mark.parametrize("exercise", [EX20, EX04], ids=["20", "04"])
def test_at_full_strength_drawn_examples_and_verdicts_match(exercise, request):
    """The premise of the replay: what hypothesis draws does not depend on the submission
    (as long as every example passes), so a stand-in body sees the reference's examples.
    And the bench's scenario, at 100 examples a check: replayed verdicts are full runs'."""
    zygote = request.getfixturevalue("torch_zygote" if exercise.needs_torch else "zygote")
    cfg = load_config()
    book = RecordedExamples()
    assert grade(exercise, exercise.reference, zygote, cfg, examples=book).passed
    for key, spec, seed, count in check_keys(exercise, cfg):
        real = book.get(key)
        drawn = _replayable(draw_examples(spec, seed, count), None)
        assert len(real) > count  # the @example ones come first
        assert [_text(e.drawn) for e in drawn] == [_text(e.drawn) for e in real], spec.name
    for path in (exercise.reference, exercise.wrong[0].file):  # what bench.py alternates
        _same_three_ways(exercise, zygote, cfg, book, path)


def test_record_fills_in_checks_ahead_of_time(zygote, write_submission):
    cfg = load_config(None, ["CHECK.MAX_EXAMPLES", "40"])
    book = RecordedExamples()
    assert book.record(EX20, cfg) == len(EX20.checks())
    assert book.record(EX20, cfg) == 0  # nothing left to record
    for name, source in [("reference", EX20.reference.read_text(encoding="utf-8")),
                         ("sorted", (EX20.folder / "wrong" / "sorted_result.py").read_text(
                             encoding="utf-8"))]:
        path = write_submission(source)
        assert _comparable(grade(EX20, path, zygote, cfg, examples=book)) == \
            _comparable(grade(EX20, path, zygote, cfg)), name


def test_each_check_still_gets_a_fresh_process_and_folder(zygote, write_submission):
    # Module state and files left in the working folder by one check's process must not
    # reach the next one, prefetched processes included.
    source = ("import os\nleftover = os.path.exists('marker')\nopen('marker', 'w').close()\n"
              "n = 0\n"
              "def drop_keys(d, keys):\n    global n\n    n += 1\n"
              "    return {'leftover': leftover, 'calls': n}\n")
    cfg = load_config(None, ["CHECK.MAX_EXAMPLES", "40"])
    book = RecordedExamples()
    grade(EX20, EX20.reference, zygote, cfg, examples=book)
    for examples in (None, book):
        verdict = grade(EX20, write_submission(source), zygote, cfg, examples=examples)
        called = [c for c in verdict.checks if c.counterexample and c.counterexample.got
                  and "calls" in c.counterexample.got]
        assert len(called) >= 3
        assert all(c.counterexample.got == "{'leftover': False, 'calls': 1}" for c in called)


def test_known_answers_skip_the_check_bodies(torch_zygote, monkeypatch):
    """Answers seen in a recent passing run (the last few, so going back and forth between
    two versions stays fast) pass without running the check's body again."""
    from grader.judge import replay as replay_module

    cfg = load_config(None, ["CHECK.MAX_EXAMPLES", "20"])
    book = RecordedExamples()
    assert grade(EX04, EX04.reference, torch_zygote, cfg, examples=book).passed
    bodies = []
    real_copy = replay_module._copy_plain
    monkeypatch.setattr(replay_module, "_copy_plain",
                        lambda drawn: bodies.append(1) or real_copy(drawn))
    assert grade(EX04, EX04.reference, torch_zygote, cfg, examples=book).passed
    assert not bodies
    grade(EX04, EX04.wrong[0].file, torch_zygote, cfg, examples=book)  # other answers
    bodies.clear()
    assert grade(EX04, EX04.reference, torch_zygote, cfg, examples=book).passed
    assert not bodies
