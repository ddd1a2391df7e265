"""What the check server and its clients agree on: where the socket is, how messages are
framed (one JSON object per line, one request per connection), and what invalidates a server
(its fingerprint: the grader's version and every exercise and engine file's size and time)."""

from __future__ import annotations

import hashlib
import json
import os
import socket
from pathlib import Path
from typing import Any

RUN_DIR = ".grader"  # in the workspace, mode 0700: the socket, the lock, the server's log
SOCKET_NAME = "check.sock"
LOCK_NAME = "server.lock"  # held (flock) for the server's whole life; it holds the pid too
LOG_NAME = "server.log"
MAX_MESSAGE = 256 * 1024 * 1024  # a sanity cap on one line: 24 files of source and verdicts
SUN_PATH_MAX = 107  # bytes in sockaddr_un.sun_path, less the terminating NUL


def run_dir(root: Path) -> Path:
    return root / RUN_DIR


def make_run_dir(root: Path) -> Path:
    """Create ``.grader/`` (0700), with a .gitignore that keeps the whole folder out of a
    workspace kept in git (a GitHub Classroom repository, say)."""
    folder = run_dir(root)
    folder.mkdir(mode=0o700, exist_ok=True)
    ignore = folder / ".gitignore"
    if not ignore.exists():
        ignore.write_text("# the check server's socket, lock and log\n*\n", encoding="utf-8")
    return folder


def socket_address(root: Path) -> tuple[str, int | None]:
    """The address to bind or connect to, and a directory fd to close afterwards.

    A workspace deep in the file tree can make the socket's path longer than a unix socket
    address may be; then it is reached through ``/proc/self/fd/N``, N a descriptor of its
    folder, which is short whatever the folder's path."""
    path = run_dir(root) / SOCKET_NAME
    if len(os.fsencode(path)) <= SUN_PATH_MAX:
        return str(path), None
    fd = os.open(run_dir(root), os.O_RDONLY | os.O_DIRECTORY)
    return f"/proc/self/fd/{fd}/{SOCKET_NAME}", fd


def send(sock: socket.socket, message: dict[str, Any]) -> None:
    sock.sendall(json.dumps(message, ensure_ascii=False).encode("utf-8") + b"\n")


def receive(sock: socket.socket) -> dict[str, Any] | None:
    """The next message, or None when the peer closed the connection first."""
    chunks: list[bytes] = []
    size = 0
    while True:
        chunk = sock.recv(1 << 20)
        if not chunk:
            return None
        chunks.append(chunk)
        size += len(chunk)
        if chunk.endswith(b"\n"):
            break
        if size > MAX_MESSAGE:
            raise ValueError("message too large")
    message = json.loads(b"".join(chunks))
    if not isinstance(message, dict):
        raise ValueError("a message must be a JSON object")
    return message


def fingerprint(files: list[Path], folders: list[Path]) -> str:
    """The grader's version and the size and modification time of ``files`` (the engine's
    modules a server has loaded) and of every file under ``folders`` (the exercises): a
    server whose fingerprint no longer matches would grade with stale code or checks, so it
    restarts."""
    import grader

    digest = hashlib.sha256(grader.__version__.encode())
    paths = list(files)
    for folder in folders:
        for directory, subdirs, names in os.walk(folder):
            subdirs[:] = sorted(d for d in subdirs if d != "__pycache__")
            paths.extend(Path(directory, name) for name in sorted(names)
                         if not name.endswith((".pyc", ".bak")))
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            info = None
        stamp = f"{info.st_size}:{info.st_mtime_ns}" if info else "gone"
        digest.update(f"{path}:{stamp}\n".encode("utf-8", "surrogateescape"))
    return digest.hexdigest()


def loaded_engine_files() -> list[Path]:
    """The source files of the ``grader`` modules this process has imported."""
    import sys

    files = []
    for name, module in list(sys.modules.items()):
        where = getattr(module, "__file__", None)
        if (name == "grader" or name.startswith("grader.")) and where:
            files.append(Path(where))
    return sorted(files)
