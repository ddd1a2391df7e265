"""Student output: a pipe that never refuses a write, read into a bounded head and tail.

The worker's stdout and stderr (the file descriptors, so C code and child processes too) are
the write end of a pipe. A thread in the worker drains it as fast as it fills and keeps, per
reply, the first and the last ``KEEP`` bytes and a count of what was cut: a submission that
prints hundreds of megabytes runs as it would in a terminal, and memory stays bounded. It runs
in the worker, so it imports only the standard library.
"""

from __future__ import annotations

import fcntl
import os
import select
import sys
import threading

KEEP = 4 * 1024  # bytes kept at each end of one reply's output
_PIPE_SIZE = 1024 * 1024  # fewer wake-ups; the kernel may give less
_F_SETPIPE_SZ = 1031


def pipe() -> tuple[int, int]:
    """(read end, write end) for the worker's output."""
    read_end, write_end = os.pipe()
    try:
        fcntl.fcntl(read_end, _F_SETPIPE_SZ, _PIPE_SIZE)
    except OSError:
        pass
    return read_end, write_end


class Capture:
    """Reads the output pipe; ``take`` returns what arrived since the last ``take``."""

    def __init__(self, read_end: int) -> None:
        self.fd = read_end
        os.set_blocking(read_end, False)
        self._lock = threading.Lock()
        self._head = bytearray()
        self._tail = bytearray()
        self._cut = 0
        self._open = True
        threading.Thread(target=self._drain_forever, name="grader-output", daemon=True).start()

    def take(self) -> str:
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 - the student may have replaced or closed it
                pass
        with self._lock:
            self._drain()
            head, tail, cut = bytes(self._head), bytes(self._tail), self._cut
            self._head.clear()
            self._tail.clear()
            self._cut = 0
        text = head.decode("utf-8", "replace")
        if cut:
            text += f"\n[output truncated: {_size(cut)} cut here]\n"
        return text + tail.decode("utf-8", "replace")

    def _drain_forever(self) -> None:
        poller = select.poll()
        poller.register(self.fd, select.POLLIN)
        while self._open:
            poller.poll()
            with self._lock:
                self._drain()

    def _drain(self) -> None:
        """Read what is waiting, keeping a bounded head and tail (call with the lock)."""
        while self._open:
            try:
                chunk = os.read(self.fd, _PIPE_SIZE)
            except BlockingIOError:
                return
            except OSError:
                chunk = b""
            if not chunk:  # every writer closed its end
                self._open = False
                return
            room = KEEP - len(self._head)
            if room > 0:
                self._head += chunk[:room]
                chunk = chunk[room:]
            if len(chunk) >= KEEP:
                self._cut += len(self._tail) + len(chunk) - KEEP
                self._tail[:] = chunk[-KEEP:]
            elif chunk:
                self._tail += chunk
                if len(self._tail) > KEEP:
                    self._cut += len(self._tail) - KEEP
                    del self._tail[:-KEEP]


def _size(count: int) -> str:
    for unit, size in (("MB", 1024 * 1024), ("KB", 1024)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count} bytes"
