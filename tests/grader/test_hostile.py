"""Submissions that try to cheat, crash or escape: each gets an honest verdict, nothing leaks.

Every case runs in both isolation modes (``mode_cfg``: the strict sandbox and process limits
only); ``test_sandbox_user.py`` runs this whole file again as a user without privileges."""

from __future__ import annotations

import os
import secrets
import time
from pathlib import Path

import pytest

from grader.exercise import get_exercise
from grader.judge.runner import grade

EX20 = get_exercise("20")
CORRECT = EX20.reference.read_text(encoding="utf-8")


def _grade(zygote, cfg, path, **options):
    return grade(EX20, path, zygote, cfg, **options)


def _statuses(verdict):
    return {c.name: c.status for c in verdict.checks}


def test_sys_exit_zero_at_import_is_an_error_not_a_pass(zygote, mode_cfg, write_submission):
    verdict = _grade(zygote, mode_cfg, write_submission("import sys\nsys.exit(0)\n"))
    assert verdict.status == "error"
    assert "sys.exit(0)" in verdict.message


def test_os_exit_in_the_call_fails_every_check(zygote, mode_cfg, write_submission):
    source = "import os\ndef drop_keys(d, keys):\n    os._exit(0)\n"
    verdict = _grade(zygote, mode_cfg, write_submission(source))
    assert verdict.status == "fail"
    assert set(_statuses(verdict).values()) == {"fail"}
    first = verdict.checks[0]
    assert "ended (exit status 0) before returning" in first.message
    assert first.counterexample.call.startswith("drop_keys(")


def test_an_endless_loop_that_ignores_sigterm_times_out(zygote, mode_cfg, write_submission):
    source = ("import signal\nsignal.signal(signal.SIGTERM, signal.SIG_IGN)\n"
              "def drop_keys(d, keys):\n    while True:\n        pass\n")
    cfg = mode_cfg.clone()
    cfg.defrost()
    cfg.CHECK.CALL_TIMEOUT = 0.5
    started = time.monotonic()
    verdict = _grade(zygote, cfg, write_submission(source))
    assert verdict.status == "fail"
    assert all("did not return within 0.5 s" in c.message for c in verdict.checks)
    # one timeout per check, not one per hypothesis example
    assert time.monotonic() - started < len(verdict.checks) * 0.5 + 10


def test_an_eq_that_always_says_true_cannot_pass(zygote, mode_cfg, write_submission):
    source = ("class Yes(dict):\n    def __eq__(self, other):\n        return True\n"
              "class Anything:\n    def __eq__(self, other):\n        return True\n"
              "def drop_keys(d, keys):\n    return Anything()\n")
    verdict = _grade(zygote, mode_cfg, write_submission(source))
    assert verdict.status == "fail"
    assert "Anything object" in verdict.checks[0].message


def test_a_pickle_payload_is_never_unpickled(zygote, mode_cfg, write_submission, tmp_path):
    marker = tmp_path / "pwned"
    source = (
        "import os\n"
        "class Evil:\n"
        f"    def __reduce__(self):\n        return (os.system, ('touch {marker}',))\n"
        "def drop_keys(d, keys):\n    return {'x': Evil()}\n")
    verdict = _grade(zygote, mode_cfg, write_submission(source))
    assert verdict.status == "fail"
    assert not marker.exists()


def test_printed_fake_pass_lines_change_nothing(zygote, mode_cfg, write_submission):
    source = ("print('PASS: all checks passed')\n"
              "def drop_keys(d, keys):\n"
              "    print('✔ all 6 checks passed', flush=True)\n"
              "    return {}\n")
    verdict = _grade(zygote, mode_cfg, write_submission(source))
    assert verdict.status == "fail"
    assert any("all 6 checks passed" in c.output for c in verdict.checks)


def test_a_detached_child_does_not_outlive_the_run(zygote, mode_cfg, write_submission):
    name = f"gresc-{secrets.token_hex(4)}"  # the escapee's process name, seen from outside
    source = (
        "import ctypes, os, time\n"
        "def drop_keys(d, keys):\n"
        "    ready, started = os.pipe()\n"
        "    if os.fork() == 0:\n"
        "        os.setsid()\n"
        "        if os.fork() == 0:\n"
        f"            ctypes.CDLL(None).prctl(15, {name.encode()!r}, 0, 0, 0)\n"
        "            print('escapee running', flush=True)\n"
        "            os.write(started, b'x')\n"
        "            time.sleep(60)\n"
        "        os._exit(0)\n"
        "    os.read(ready, 1)\n"
        "    drop = set(keys)\n"
        "    return {k: v for k, v in d.items() if k not in drop}\n")
    cfg = mode_cfg.clone()
    cfg.defrost()
    cfg.CHECK.MAX_EXAMPLES = 1
    verdict = _grade(zygote, cfg, write_submission(source))
    assert verdict.status == "pass"
    assert "escapee running" in verdict.checks[0].output  # the escapees did start
    assert _running(name) == []


def _running(name: str) -> list[int]:
    """Live (not zombie) processes with this name, anywhere on the machine."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            comm, state = stat[stat.index("(") + 1:stat.rindex(")")], stat.rsplit(")", 1)[1]
            if comm == name and state.split()[0] != "Z":
                found.append(int(entry.name))
    return found


def test_the_worker_cannot_find_the_reference_in_its_memory(zygote, mode_cfg,
                                                            write_submission):
    # The worker is forked from a clean zygote: no reference module to steal via gc.
    source = ("import gc, sys\n"
              "def drop_keys(d, keys):\n"
              "    found = [m for m in sys.modules if 'grader_exercises' in m or 'checks' in m]\n"
              "    return {'modules': found}\n")
    verdict = _grade(zygote, mode_cfg, write_submission(source))
    got = verdict.checks[0].counterexample.got
    assert "'modules': []" in got


@pytest.mark.skipif(os.geteuid() != 0, reason="privileges are only dropped when run as root")
def test_as_root_student_code_runs_as_nobody(zygote, mode_cfg, write_submission):
    source = ("import os\n"
              "def drop_keys(d, keys):\n    return {'uid': os.getuid(), 'gid': os.getgid()}\n")
    verdict = _grade(zygote, mode_cfg, write_submission(source))
    assert "'uid': 65534" in verdict.checks[0].counterexample.got


def test_limits_apply_to_student_code(zygote, mode_cfg, write_submission):
    source = ("import resource, os\n"
              "def drop_keys(d, keys):\n"
              "    return {'cpu': resource.getrlimit(resource.RLIMIT_CPU)[0],\n"
              "            'core': resource.getrlimit(resource.RLIMIT_CORE)[0],\n"
              "            'env': sorted(os.environ)}\n")
    verdict = _grade(zygote, mode_cfg, write_submission(source))
    got = verdict.checks[0].counterexample.got
    assert "'cpu': 60" in got and "'core': 0" in got
    assert "HOME" in got and "'PATH'" in got
    assert "PYTEST" not in got and "VIRTUAL_ENV" not in got


def test_a_memory_bomb_fails_without_hurting_the_grader(zygote, mode_cfg, write_submission):
    source = ("def drop_keys(d, keys):\n    blob = bytearray(8 * 1024**3)\n    return {}\n")
    verdict = _grade(zygote, mode_cfg, write_submission(source))
    assert verdict.status == "fail"
    assert "MemoryError" in verdict.checks[0].message


def test_huge_output_is_capped(zygote, mode_cfg, write_submission):
    source = ("def drop_keys(d, keys):\n    print('x' * 100000)\n"
              "    drop = set(keys)\n"
              "    return {k: v for k, v in d.items() if k not in drop}\n")
    verdict = _grade(zygote, mode_cfg, write_submission(source))
    assert verdict.status == "pass"
    assert all(len(c.output) < 5000 for c in verdict.checks)
    assert "truncated" in verdict.checks[0].output


def test_same_submission_same_verdict_and_counterexample(zygote, mode_cfg, write_submission):
    wrong = (EX20.folder / "wrong" / "sorted_result.py").read_text(encoding="utf-8")
    path = write_submission(wrong)
    first, second = _grade(zygote, mode_cfg, path), _grade(zygote, mode_cfg, path)
    assert [c.__dict__ for c in first.checks] == [c.__dict__ for c in second.checks]
    assert first.seed == second.seed and first.hypothesis_version


def test_a_slow_submission_is_stopped_by_the_run_limit(zygote, mode_cfg, write_submission):
    source = ("import time\ndef drop_keys(d, keys):\n    time.sleep(0.2)\n    return {}\n")
    cfg = mode_cfg.clone()
    cfg.defrost()
    cfg.CHECK.RUN_TIMEOUT = 1.5
    started = time.monotonic()
    verdict = _grade(zygote, cfg, write_submission(source))
    assert time.monotonic() - started < 6
    assert verdict.status == "fail"
    assert any("RUN_TIMEOUT" in c.message or "took over" in c.message for c in verdict.checks)


def test_forged_frames_on_the_channel_are_a_failure(zygote, mode_cfg, write_submission):
    source = (
        "import os, json, struct\n"
        "def drop_keys(d, keys):\n"
        "    fake = json.dumps({'ok': True, 'value': {'t': 'dict', 'v': []}}).encode()\n"
        "    for name in os.listdir('/proc/self/fd'):\n"
        "        if int(name) > 2:\n"
        "            try:\n"
        "                os.write(int(name), struct.pack('>I', len(fake)) + fake)\n"
        "            except OSError:\n"
        "                pass\n"
        "    drop = set(keys)\n"
        "    return {k: v for k, v in d.items() if k not in drop}\n")
    verdict = _grade(zygote, mode_cfg, write_submission(source))
    assert verdict.status == "fail"
    assert "malformed result" in verdict.checks[0].message


def test_a_fork_bomb_is_cut_off(zygote, mode_cfg, sandbox_mode, write_submission):
    source = ("import os, time\n"
              "def drop_keys(d, keys):\n"
              "    started = 0\n"
              "    for _ in range(300):\n"
              "        try:\n"
              "            if os.fork() == 0:\n"
              "                time.sleep(30)\n"
              "                os._exit(0)\n"
              "        except OSError:\n"
              "            break\n"
              "        started += 1\n"
              "    print('started', started)\n"
              "    drop = set(keys)\n"
              "    return {k: v for k, v in d.items() if k not in drop}\n")
    cfg = mode_cfg.clone()
    cfg.defrost()
    cfg.CHECK.MAX_EXAMPLES = 1
    verdict = _grade(zygote, cfg, write_submission(source),
                     only={"removes exactly the given keys"})
    assert verdict.status == "pass"
    started = int(verdict.checks[0].output.split("started ")[1].split()[0])
    if sandbox_mode == "strict" or os.geteuid() == 0:  # limits only, without root: no cap
        assert started < cfg.SANDBOX.PROCESSES


def test_no_user_namespace_inside_the_strict_sandbox(zygote, mode_cfg, sandbox_mode,
                                                     write_submission):
    source = ("import ctypes, os\n"
              "def drop_keys(d, keys):\n"
              "    libc = ctypes.CDLL(None, use_errno=True)\n"
              "    made = libc.unshare(0x10000000) == 0\n"
              "    print('nested user namespace:', made)\n"
              "    drop = set(keys)\n"
              "    return {k: v for k, v in d.items() if k not in drop}\n")
    cfg = mode_cfg.clone()
    cfg.defrost()
    cfg.CHECK.MAX_EXAMPLES = 1
    verdict = _grade(zygote, cfg, write_submission(source),
                     only={"removes exactly the given keys"})
    assert verdict.status == "pass"
    made = "nested user namespace: True" in verdict.checks[0].output
    # Root's student code runs as nobody in the host's user namespace, where the host's own
    # limit applies; without root, the sandbox's user namespace allows none inside it.
    if sandbox_mode == "strict" and os.geteuid() != 0:
        assert not made


def test_student_code_cannot_pass_for_a_broken_sandbox(zygote, mode_cfg, write_submission):
    # A sandbox that cannot start stops the whole run (SandboxError); a submission that ends
    # as such a worker would must get its own verdict instead, never stop a class's grading.
    verdict = _grade(zygote, mode_cfg, write_submission("import os\nos._exit(71)\n"))
    assert verdict.status == "error"
    assert verdict.error_kind == "crash"
    assert "exit status 71" in verdict.message
