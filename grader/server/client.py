"""The client side of the check server, light enough for every `grader check`: no torch, no
hypothesis, no checks are imported here.

``check_files`` hands files to the workspace's server and returns its verdicts; None means "no
server answered" (none runs yet, it was killed, or it is stale and on its way out): the caller
grades cold without alarming anyone, then ``start_after_cold_check`` starts one in the
background for the checks that follow. A cold check, with a fork drawing examples beside it,
answers sooner than a server started for it would, so the first check does not wait for one.
"""

from __future__ import annotations

import base64
import fcntl
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from grader.server import protocol
from grader.verdict import Verdict

START_TIMEOUT_S = 90.0  # the zygote may take 60 s to start on a loaded machine


class ServerUnavailable(Exception):
    """No server answered; the message says why (for `grader server status` only)."""


def _connect(root: Path, timeout: float | None) -> socket.socket:
    address, dir_fd = protocol.socket_address(root)
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        sock.settimeout(timeout)
        sock.connect(address)
    except OSError:
        sock.close()
        raise
    finally:
        if dir_fd is not None:
            os.close(dir_fd)
    return sock


def request(root: Path, message: dict[str, Any], *, timeout: float | None = 10.0
            ) -> dict[str, Any]:
    """One request to a running server; ``ServerUnavailable`` when none answers."""
    try:
        with _connect(root, timeout) as sock:
            protocol.send(sock, message)
            reply = protocol.receive(sock)
    except (OSError, ValueError) as exc:
        raise ServerUnavailable(str(exc) or type(exc).__name__) from None
    if reply is None:
        raise ServerUnavailable("the server closed the connection without answering")
    return reply


def server_pid(root: Path) -> int | None:
    """The pid of the server that holds this workspace's lock, or None when none does."""
    path = protocol.run_dir(root) / protocol.LOCK_NAME
    try:
        with open(path) as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                text = lock.read().strip()
                return int(text) if text.isdigit() else -1
            fcntl.flock(lock, fcntl.LOCK_UN)
            return None
    except OSError:
        return None


def start(root: Path, warm: list[str] | None = None) -> subprocess.Popen | None:
    """Launch a server for ``root`` in the background (its own session, no terminal);
    ``warm``: exercise ids whose examples it draws while idle."""
    try:
        folder = protocol.make_run_dir(root)
        log = open(folder / protocol.LOG_NAME, "ab")  # noqa: SIM115 (handed to the child)
    except OSError:
        return None  # a read-only workspace: no server, cold checks
    with log:
        try:
            return subprocess.Popen([sys.executable, "-m", "grader.server.daemon", str(root),
                                     *(["--warm", *warm] if warm else [])],
                                    cwd=root, stdin=subprocess.DEVNULL,
                                    stdout=subprocess.DEVNULL, stderr=log,
                                    start_new_session=True, close_fds=True)
        except OSError:
            return None


def _wait_until_free(root: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while server_pid(root) is not None and time.monotonic() < deadline:
        time.sleep(0.02)


def check_files(root: Path, jobs: list[tuple[Path, str]], opts: list[str],
                run_timeout: float) -> list[Verdict] | None:
    """Grade ``jobs`` ((path as given, exercise id) pairs) on the workspace's running server.

    Each file's bytes travel with the request, so the server grades what this process read.
    Returns None when no server answered; the caller then grades here."""
    if not hasattr(socket, "SO_PEERCRED"):
        return None  # no way for a server to tell who is asking (not Linux): no server
    try:
        files = [{"path": str(path), "exercise": exercise_id,
                  "source": base64.b64encode(path.read_bytes()).decode("ascii")}
                 for path, exercise_id in jobs]
    except OSError:
        return None  # the cold path reports the unreadable file in its own words
    message = {"op": "check", "files": files, "opts": opts}
    try:
        sock = _connect(root, None)
    except OSError:
        return None  # none runs (or another user's: not ours to use)
    try:
        with sock:
            sock.settimeout(START_TIMEOUT_S + run_timeout * len(jobs))
            protocol.send(sock, message)
            reply = protocol.receive(sock)
    except (OSError, ValueError):
        return None
    if reply is None:
        return None  # it died while grading: grade here
    if reply.get("restart"):
        _wait_until_free(root, 10.0)  # the stale server is on its way out: a new one follows
        return None
    if not reply.get("ok"):
        return None
    try:
        verdicts = [Verdict.from_dict(fields) for fields in reply["verdicts"]]
    except (KeyError, TypeError):
        return None
    if isinstance(reply.get("warning"), str):
        print(reply["warning"], file=sys.stderr)
    return verdicts


def start_after_cold_check(root: Path, exercise_ids: list[str]) -> None:
    """Start the workspace's server in the background unless one holds the workspace; it
    draws the examples of ``exercise_ids`` while idle, so their next check replays them."""
    if hasattr(socket, "SO_PEERCRED") and server_pid(root) is None:
        start(root, exercise_ids)
