"""A cold grade's second core: a fork of the judge draws the later checks' examples meanwhile.

In a cold ``grader check`` hypothesis' engine is about half of each check's time, and nothing
else runs on the machine's second core while the first check runs. So, once the checks are
imported, the judge forks a copy of itself that draws the examples of every check after the
first with a stand-in body (``replay.draw_examples``: no worker, no submission, nothing of the
learner's) and sends them back over a pipe; the judge replays them (``replay.py``) instead
of running the engine for those checks. A replay gives the verdict and the counterexample of
a full run (the first example that turns out differently hands the check to a real hypothesis
run), so only the time changes.

The copy runs trusted code only (the exercise's strategies), exits by itself when it is done
and is killed by an alarm if it is not done within the run's time limit; the judge kills and
reaps it when the grade ends, whatever happened. Only for a process that has the machine to
itself and no other threads (a cold check): warm processes have their recorded examples, and
the class grader already keeps every core busy.
"""

from __future__ import annotations

import os
import pickle
import select
import signal
import struct
import time
from typing import Any

from grader.judge.replay import Example, RecordedExamples, draw_examples

_LENGTH = struct.Struct(">Q")
# Longest wait for one check's examples. Drawing a check's examples takes a few hundredths of
# a second; a copy that is this late is stuck or starved, and running the check in full
# costs less than waiting on.
WAIT_S = 2.0


class Predrawn:
    """Examples of ``checks[1:]`` (key, spec, seed, count), drawn by a forked copy."""

    def __init__(self, checks: list[tuple[tuple, Any, int, int]], time_limit: float) -> None:
        self.examples = RecordedExamples()
        self._waiting = {key for key, spec, _, _ in checks[1:] if spec.strategies}
        self._pid: int | None = None
        self._pipe: int | None = None
        self._buffer = bytearray()
        if not self._waiting:
            return
        read_end, write_end = os.pipe()
        try:
            pid = os.fork()
        except OSError:  # out of processes (RLIMIT_NPROC): every check runs in full
            os.close(read_end)
            os.close(write_end)
            self._waiting.clear()
            return
        if pid == 0:  # the copy: draw, send, leave without running any of the judge's cleanup
            try:
                # Only the pipe stays open: should the judge die, the zygote sees its control
                # socket close at once, not when this copy is done.
                os.closerange(3, write_end)
                os.closerange(write_end + 1, os.sysconf("SC_OPEN_MAX"))
                signal.alarm(max(1, int(time_limit) + 1))
                _draw_into(write_end, [c for c in checks[1:] if c[0] in self._waiting])
            finally:
                os._exit(0)
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def examples_for(self, key: tuple, deadline: float) -> RecordedExamples | None:
        """The recorded examples holding ``key``'s, once the copy has sent them; None when it
        never will (it failed, the examples are not plain data, or it took over ``WAIT_S``
        or past ``deadline``: the copy is then stopped and the checks left run in full)."""
        deadline = min(deadline, time.monotonic() + WAIT_S)
        while key in self._waiting and self._pipe is not None:
            if not self._read_some(deadline):
                self.close()
        return self.examples if self.examples.knows(key) else None

    def _read_some(self, deadline: float) -> bool:
        wait = deadline - time.monotonic()
        if wait <= 0 or not select.select([self._pipe], [], [], wait)[0]:
            return False
        chunk = os.read(self._pipe, 1 << 20)
        if not chunk:
            return False
        self._buffer += chunk
        while len(self._buffer) >= _LENGTH.size:
            (size,) = _LENGTH.unpack_from(self._buffer)
            if len(self._buffer) < _LENGTH.size + size:
                break
            # Our own fork's bytes, over a pipe only the two of us hold: trusted like the judge.
            key, examples = pickle.loads(self._buffer[_LENGTH.size:_LENGTH.size + size])
            del self._buffer[:_LENGTH.size + size]
            self._waiting.discard(key)
            if examples is not None:
                self.examples.put(key, examples)
        return True

    def close(self) -> None:
        """Stop the copy (if it still runs) and reap it."""
        self._waiting.clear()
        if self._pipe is not None:
            os.close(self._pipe)
            self._pipe = None
        if self._pid is not None:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(self._pid, 0)
            self._pid = None


def _draw_into(fd: int, checks: list[tuple[tuple, Any, int, int]]) -> None:
    scratch = RecordedExamples()
    for key, spec, seed, count in checks:
        try:
            scratch.keep(key, draw_examples(spec, seed, count))
            examples: tuple[Example, ...] | None = scratch.get(key)
            payload = pickle.dumps((key, examples), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:  # noqa: BLE001 - not drawable or not picklable: the judge runs it
            payload = pickle.dumps((key, None), protocol=pickle.HIGHEST_PROTOCOL)
        view = memoryview(_LENGTH.pack(len(payload)) + payload)
        while view:
            view = view[os.write(fd, view):]
