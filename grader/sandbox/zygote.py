"""The zygote: a clean, warm parent that forks one worker per submission.

Started by the supervisor as ``python -I -m grader.sandbox.zygote`` with an allow-listed
environment, it imports torch once (so each worker starts in milliseconds instead of paying
the import) and never loads a reference solution or a check: a worker forked from it finds
nothing of the judge in memory. Where the strict sandbox works (``isolation.py``), it first
moves into a pid namespace of its own (and, without root, a user namespace mapping our uid),
leaving a small stand-in outside that exits as it does: each worker is then forked straight
in as PID 1 of a fresh pid namespace, and everything it starts ends with it. Otherwise it is a
child subreaper, so processes a worker detaches (``setsid``, double fork) are reparented here
and swept when the worker is reaped.
"""

from __future__ import annotations

import ctypes
import os
import signal
import socket
import sys
import time

from grader.channel import Channel, ChannelClosed
from grader.heap import frozen_imports
from grader.sandbox import jail, worker

PR_SET_CHILD_SUBREAPER = 36
_pid_namespaces = False  # each worker is PID 1 of a pid namespace of its own


def main(argv: list[str]) -> int:
    control_fd, nonce, namespaces, preload = int(argv[0]), argv[1], argv[2], argv[3:]
    global _pid_namespaces
    # Before torch: the stand-in left outside is a small process.
    _pid_namespaces = namespaces == "pid" and jail.own_pid_namespace()
    _become_subreaper()
    with frozen_imports():
        for name in preload:
            _preload(name)
    control = Channel(socket.socket(fileno=control_fd), nonce)
    control.send({"op": "ready", "pid": jail.host_pid(), "pid_namespaces": _pid_namespaces})
    live: set[int] = set()
    try:
        while True:
            try:
                request = control.receive()
            except ChannelClosed:
                break
            op = request.get("op")
            if op == "spawn":
                _spawn(control, request, live)
            elif op == "reap":
                pid = int(request["pid"])
                status = _reap(pid)
                live.discard(pid)
                swept = _sweep(live)
                control.send({"op": "reaped", "status": status, "swept": swept})
            elif op == "exit":
                break
    finally:
        for pid in list(live):
            _reap(pid)
        _sweep(set())
    return 0


def _preload(name: str) -> None:
    if name == "torch":
        import torch

        # Forking after a multi-threaded OpenMP op deadlocks the child: stay single-threaded.
        torch.set_num_threads(1)
        torch.set_num_interop_threads(1)
        import torch.nn  # noqa: F401
        import torch.utils.data  # noqa: F401
    else:
        __import__(name)


def _spawn(control: Channel, request: dict, live: set[int]) -> None:
    parent_end, child_end = socket.socketpair()
    # The worker writes here only if its sandbox could not be set up, and closes it before
    # any student code runs: what comes through it is the worker's, never the student's.
    setup_read, setup_write = os.pipe()
    pid_one = _pid_namespaces and jail.fresh_pid_namespace()
    pid = os.fork()
    if pid == 0:
        try:
            parent_end.close()
            os.close(setup_read)
            control.sock.close()
            worker.serve(child_end, request["worker_nonce"], request["workdir"],
                         request["limits"], request.get("drop_to"), request.get("view"),
                         pid_one, setup_write)
        finally:
            os._exit(70)
    child_end.close()
    os.close(setup_write)
    live.add(pid)
    # The worker's end of the pair, then the setup pipe, each as ancillary data on a one-byte
    # message.
    socket.send_fds(control.sock, [b"F"], [parent_end.fileno()])
    socket.send_fds(control.sock, [b"F"], [setup_read])
    parent_end.close()
    os.close(setup_read)
    control.send({"op": "spawned", "pid": pid})


def _reap(pid: int) -> int | None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        os.kill(pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    try:
        _, status = os.waitpid(pid, 0)
    except ChildProcessError:
        return None
    return os.waitstatus_to_exitcode(status)


def _sweep(live: set[int], rounds: int = 50) -> int:
    """Kill every descendant that is not a live worker; escapees end up as our children.
    (With pid namespaces none can: a worker's namespace ends with it. /proc here is the
    host's, whose numbers are not ours, so it must not be read then.)"""
    if _pid_namespaces:
        return 0
    swept = 0
    for _ in range(rounds):
        strays = [pid for pid in _children() if pid not in live]
        if not strays:
            break
        for pid in strays:
            for kill in (os.killpg, os.kill):
                try:
                    kill(pid, signal.SIGKILL)
                except (ProcessLookupError, PermissionError):
                    pass
        for pid in strays:
            try:
                os.waitpid(pid, 0)
                swept += 1
            except ChildProcessError:
                pass
        time.sleep(0.005)
    return swept


def _children() -> list[int]:
    me = os.getpid()
    found = []
    try:
        with open(f"/proc/{me}/task/{me}/children") as handle:
            return [int(p) for p in handle.read().split()]
    except OSError:
        pass
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                with open(f"/proc/{name}/stat") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
                if int(fields[1]) == me:
                    found.append(int(name))
            except (OSError, IndexError, ValueError):
                continue
    return found


def _become_subreaper() -> None:
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0)
    except OSError:
        pass


if __name__ == "__main__":
    # os._exit: no interpreter teardown (torch's takes ~0.5 s); nothing here needs flushing.
    os._exit(main(sys.argv[1:]))
