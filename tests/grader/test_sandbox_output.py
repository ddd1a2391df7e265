"""Printing never breaks a submission: hundreds of megabytes of output, at import or per call,
are written without error, the report keeps the first and last few KB and says how much was
cut, and what the grader holds stays small. Files are still capped (SANDBOX.FILE_SIZE_MB)."""

from __future__ import annotations

import errno

from grader.exercise import get_exercise
from grader.judge.replay import check_keys
from grader.judge.runner import grade
from grader.sandbox.capture import KEEP
from grader.sandbox.host import Worker
from grader.sandbox.limits import Limits

EX20 = get_exercise("20")
MB = 1024 * 1024
LOUD = b'''
import os, sys

def shout(megabytes):
    line = "y" * (1024 * 1024 - 1)
    print("FIRST LINE")
    for _ in range(megabytes):
        print(line)
    sys.stderr.write("ERR " * 1000)
    sys.stdout.flush()
    sys.stderr.flush()
    os.write(1, b"LAST LINE FROM THE FILE DESCRIPTOR\\n")
    return megabytes

def big_file():
    with open("big.bin", "wb") as handle:
        handle.write(b"z" * (17 * 1024 * 1024))
'''
CORRECT = "    drop = set(keys)\n    return {k: v for k, v in d.items() if k not in drop}\n"


def _first_check_name(cfg) -> str:
    return next(iter(check_keys(EX20, cfg)))[1].name


def test_two_hundred_megabytes_in_one_call_come_back_cut(zygote, sandbox_mode):
    with Worker(zygote, LOUD, "loud", "loud.py", limits=Limits(),
                sandbox=sandbox_mode == "strict") as worker:
        assert worker.open(timeout=10) is None
        reply = worker.call("shout", (200,), timeout=60)
        assert reply.ok and reply.value == 200
        output = reply.output
        assert output.startswith("FIRST LINE\nyyy")
        assert output.endswith("LAST LINE FROM THE FILE DESCRIPTOR\n")
        assert "[output truncated: 200.0 MB cut here]" in output
        assert len(output) < 2 * KEEP + 200
        # the worker goes on answering, with only what the next call printed
        assert worker.call("shout", (0,)).output.startswith("FIRST LINE\nERR ERR")


def test_files_stay_capped_while_output_is_not(zygote, sandbox_mode):
    with Worker(zygote, LOUD, "loud", "loud.py", limits=Limits(file_size_mb=16),
                sandbox=sandbox_mode == "strict") as worker:
        assert worker.open(timeout=10) is None
        reply = worker.call("big_file", timeout=30)
        assert not reply.ok and reply.raised.is_a("OSError")
        assert f"[Errno {errno.EFBIG}]" in reply.raised.message


def test_a_correct_submission_that_prints_200_mb_at_import_passes(zygote, mode_cfg,
                                                                     write_submission):
    source = ("for _ in range(200):\n    print('i' * (1024 * 1024 - 1))\n"
              "def drop_keys(d, keys):\n" + CORRECT)
    cfg = mode_cfg.clone()
    cfg.defrost()
    cfg.CHECK.IMPORT_TIMEOUT = 30.0
    only = {_first_check_name(cfg)}
    verdict = grade(EX20, write_submission(source), zygote, cfg, only=only)
    assert verdict.status == "pass", verdict.message


def test_a_correct_submission_that_prints_200_mb_per_check_passes(zygote, mode_cfg,
                                                                     write_submission):
    source = ("def drop_keys(d, keys):\n"
              "    for _ in range(40):\n        print('c' * (1024 * 1024 - 1))\n"
              "    print('done with', len(d))\n" + CORRECT)
    cfg = mode_cfg.clone()
    cfg.defrost()
    cfg.CHECK.MAX_EXAMPLES = 5
    cfg.CHECK.CALL_TIMEOUT = 30.0
    only = {_first_check_name(cfg)}
    verdict = grade(EX20, write_submission(source), zygote, cfg, only=only)
    assert verdict.status == "pass", verdict.message
    output = verdict.checks[0].output
    assert verdict.checks[0].examples >= 5
    assert "[output truncated" in output and len(output) < 2 * cfg.CHECK.OUTPUT_CAP
