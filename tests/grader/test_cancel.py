"""Cancelling a running grade: it stops at once, kills its processes, and the zygote goes on."""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from grader.channel import Cancelled, Channel
from grader.exercise import get_exercise
from grader.judge.runner import RecordedExamples, grade

EX20 = get_exercise("20")
LOOPS_IN_THE_CALL = "def drop_keys(d, keys):\n    while True:\n        pass\n"
LOOPS_AT_IMPORT = "while True:\n    pass\n"


def _children(pid: int) -> set[int]:
    return {int(p) for p in Path(f"/proc/{pid}/task/{pid}/children").read_text().split()}


def _grade_in_a_thread(*args, **kwargs) -> tuple[threading.Thread, dict]:
    outcome: dict = {}

    def run() -> None:
        try:
            outcome["verdict"] = grade(*args, **kwargs)
        except Cancelled:
            outcome["cancelled"] = time.monotonic()

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


@pytest.mark.parametrize("source", [LOOPS_IN_THE_CALL, LOOPS_AT_IMPORT],
                         ids=["endless call", "endless import"])
@pytest.mark.parametrize("warm", [False, True], ids=["full run", "replay"])
def test_cancel_stops_a_grade_and_kills_its_worker(zygote, quick_cfg, write_submission,
                                                   source, warm):
    examples = RecordedExamples() if warm else None
    if warm:
        assert grade(EX20, EX20.reference, zygote, quick_cfg, examples=examples).passed
    cfg = quick_cfg.clone()
    cfg.defrost()
    cfg.CHECK.CALL_TIMEOUT = cfg.CHECK.IMPORT_TIMEOUT = 30.0  # only the cancel can stop it
    before = _children(zygote.process_id)
    cancel = threading.Event()
    thread, outcome = _grade_in_a_thread(EX20, write_submission(source), zygote, cfg,
                                         examples=examples, cancel=cancel)
    time.sleep(0.3)
    workers = _children(zygote.process_id) - before
    assert workers  # the looping worker (and perhaps the next check's, started early)
    cancelled_at = time.monotonic()
    cancel.set()
    thread.join(timeout=5)
    assert not thread.is_alive()
    assert "cancelled" in outcome, outcome
    assert outcome["cancelled"] - cancelled_at < 0.5
    assert not _children(zygote.process_id) & workers
    assert all(not Path(f"/proc/{pid}").exists() for pid in workers)
    # The zygote is fine: the next grade works, on the same recorded examples.
    assert grade(EX20, EX20.reference, zygote, quick_cfg, examples=examples).passed


def test_a_grade_cancelled_before_it_starts_runs_nothing(zygote, quick_cfg):
    cancel = threading.Event()
    cancel.set()
    before = _children(zygote.process_id)
    with pytest.raises(Cancelled):
        grade(EX20, EX20.reference, zygote, quick_cfg, cancel=cancel)
    assert _children(zygote.process_id) <= before


def test_an_unset_event_changes_nothing(zygote, quick_cfg):
    verdict = grade(EX20, EX20.reference, zygote, quick_cfg, cancel=threading.Event())
    assert verdict.passed


def test_a_cancelled_wait_leaves_the_channel_usable():
    ours, theirs = socket.socketpair()
    channel, peer = Channel(ours, "n"), Channel(theirs, "n")
    cancel = threading.Event()
    threading.Timer(0.1, cancel.set).start()
    started = time.monotonic()
    with pytest.raises(Cancelled):
        channel.receive(timeout=10, cancel=cancel)
    assert time.monotonic() - started < 0.5
    peer.send({"op": "after"})
    assert channel.receive(timeout=1, cancel=threading.Event()) == {"op": "after"}
    ours.close()
    theirs.close()


def test_pids_of_cancelled_workers_are_reaped_not_zombies(zygote, quick_cfg, write_submission):
    cancel = threading.Event()
    thread, outcome = _grade_in_a_thread(EX20, write_submission(LOOPS_IN_THE_CALL), zygote,
                                         quick_cfg, cancel=cancel)
    time.sleep(0.3)
    workers = _children(zygote.process_id)
    cancel.set()
    thread.join(timeout=5)
    assert "cancelled" in outcome
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
