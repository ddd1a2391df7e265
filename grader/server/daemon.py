"""The check server process: one per workspace and user, holding a warm ``Checker``.

    python -m grader.server.daemon WORKSPACE [--warm ID ...]

Started in the background by the first `grader check` (``grader.server.client``), after that
check was graded cold; ``--warm``: exercises whose examples it draws while idle (the ones just
checked), so their next check replays them. It holds an flock on ``.grader/server.lock`` for
its whole life (a second server exits at once; a server killed with SIGKILL lets go of it,
and the next check starts a new one), listens on
``.grader/check.sock`` (mode 0600, peers of another uid refused), grades through
``grader.actions`` (so it logs exactly what a cold check logs) and exits after
``CHECK.SERVER_IDLE_MINUTES`` without work, when the grader or exercise files change (its
fingerprint), when its socket or workspace disappears, or on `grader server stop`/SIGTERM.
Its zygote exits with it: the zygote's control socket closes when this process dies.
"""

from __future__ import annotations

import base64
import fcntl
import os
import signal
import socket
import struct
import sys
import threading
import time
from pathlib import Path
from typing import Any

from grader.server import protocol

TICK_S = 0.5  # how often the accept loop looks at the clock, the socket and a stop request


class CheckServer:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.started_at = time.time()
        self.last_active = time.monotonic()
        self.busy = 0
        self.checks = 0
        self.stopping = threading.Event()
        self._state = threading.Lock()
        from grader.exercise import all_exercises, sandbox_preload
        from grader.workspace import open_workspace

        cfg = open_workspace(root).cfg
        self.idle_s = float(cfg.CHECK.SERVER_IDLE_MINUTES) * 60
        from grader.checker import Checker

        self.checker = Checker(preload=sandbox_preload(all_exercises().values())).start()
        # The judge's imports (hypothesis) now, while the zygote imports torch: the first
        # check does not wait for them, and the engine files watched below include them.
        import grader.actions
        import grader.judge.runner  # noqa: F401

        self.exercise_folders = sorted({e.folder for e in all_exercises().values()})
        # The folders holding exercise folders too: one added or removed changes their time.
        self.engine_files = [*protocol.loaded_engine_files(),
                             *sorted({f.parent for f in self.exercise_folders})]
        self.fingerprint = self.current_fingerprint()

    def warm_up(self, exercise_ids: list[str]) -> None:
        """Draw the examples of these exercises while no check waits (a thread of its own)."""
        from grader.exercise import ExerciseError, get_exercise
        from grader.workspace import open_workspace

        cfg = open_workspace(self.root).cfg
        for exercise_id in exercise_ids:
            if self.stopping.is_set():
                return
            try:
                self.checker.record_ahead(get_exercise(exercise_id), cfg)
            except ExerciseError:
                continue  # a pack that went away: its check will say so
            except Exception as exc:  # warming is an extra: a failure must not stop serving
                _log(f"drawing the examples of {exercise_id} failed: {type(exc).__name__}: {exc}")

    def current_fingerprint(self) -> str:
        return protocol.fingerprint(self.engine_files, self.exercise_folders)

    # --- requests ----------------------------------------------------------------------------

    def handle(self, connection: socket.socket) -> None:
        with connection:
            try:
                uid = struct.unpack("3i", connection.getsockopt(
                    socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i")))[1]
                if uid != os.getuid():
                    return  # another user's process: say nothing, grade nothing
                request = protocol.receive(connection)
                if request is None:
                    return
                with self._state:
                    self.busy += 1
                try:
                    protocol.send(connection, self.answer(request))
                finally:
                    with self._state:
                        self.busy -= 1
                        if request.get("op") == "check":  # a status request is not work
                            self.last_active = time.monotonic()
            except Exception as exc:  # the client grades cold and reports it in its words
                _log(f"a request failed: {type(exc).__name__}: {exc}")

    def answer(self, request: dict[str, Any]) -> dict[str, Any]:
        op = request.get("op")
        if op == "status":
            with self._state:
                idle = 0.0 if self.busy > 1 else time.monotonic() - self.last_active
            return {"ok": True, "pid": os.getpid(), "workspace": str(self.root),
                    "started_at": self.started_at, "checks": self.checks,
                    "idle_s": round(idle, 1), "idle_limit_s": self.idle_s,
                    "version": _version()}
        if op == "stop":
            self.stopping.set()
            return {"ok": True, "pid": os.getpid()}
        if op == "check":
            if self.current_fingerprint() != self.fingerprint:
                _log("the grader or an exercise changed: exiting so a fresh server starts")
                self.stopping.set()
                return {"ok": False, "restart": True}
            return self.check(request)
        return {"ok": False, "error": f"unknown request {op!r}"}

    def check(self, request: dict[str, Any]) -> dict[str, Any]:
        from grader import actions
        from grader.exercise import get_exercise
        from grader.workspace import open_workspace

        workspace = open_workspace(self.root, [str(o) for o in request.get("opts", [])])
        verdicts = []
        for job in request["files"]:
            exercise = get_exercise(str(job["exercise"]))
            source = base64.b64decode(job["source"])
            verdict = actions.check(workspace, exercise, Path(job["path"]), workspace.cfg,
                                    self.checker, source=source)
            self.checks += 1
            verdicts.append(verdict.to_dict())
        from grader.sandbox.isolation import fallback_warning

        # The server's stderr is not the learner's: the client prints this for it.
        return {"ok": True, "verdicts": verdicts, "warning": fallback_warning()}

    # --- life ------------------------------------------------------------------------------

    def should_exit(self, listening: socket.socket, socket_id: tuple[int, int]) -> str | None:
        if self.stopping.is_set():
            return "asked to stop"
        with self._state:
            idle = not self.busy and time.monotonic() - self.last_active > self.idle_s
        if idle:
            return f"idle for {self.idle_s / 60:g} minutes"
        try:
            info = os.stat(protocol.run_dir(self.root) / protocol.SOCKET_NAME)
        except OSError:
            return "its socket is gone"
        if (info.st_dev, info.st_ino) != socket_id:
            return "its socket was replaced"
        return None

    def close(self) -> None:
        self.checker.close()


def _version() -> str:
    import grader

    return grader.__version__


def _log(line: str) -> None:
    stamp = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
    print(f"{stamp} [{os.getpid()}] {line}", file=sys.stderr, flush=True)


def serve(root: Path, warm: list[str] | None = None) -> int:
    folder = protocol.make_run_dir(root)
    lock = open(folder / protocol.LOCK_NAME, "a+")  # noqa: SIM115 (held until exit)
    try:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return 0  # another server holds this workspace: it answers the checks
    lock.seek(0)
    lock.truncate()
    lock.write(f"{os.getpid()}\n")
    lock.flush()
    path = folder / protocol.SOCKET_NAME
    path.unlink(missing_ok=True)  # a dead server's socket: the lock says none is alive
    address, dir_fd = protocol.socket_address(root)
    listening = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    old_umask = os.umask(0o177)  # the socket is born 0600: no moment when others could connect
    try:
        listening.bind(address)
    finally:
        os.umask(old_umask)
        if dir_fd is not None:
            os.close(dir_fd)
    os.chmod(path, 0o600)
    info = os.stat(path)
    listening.listen(16)
    listening.settimeout(TICK_S)
    server: CheckServer | None = None
    signal.signal(signal.SIGTERM, lambda *_: server.stopping.set() if server else sys.exit(0))
    try:
        server = CheckServer(root)
    except Exception as exc:  # a broken grader.yaml, say: clients fall back to a cold check
        _log(f"cannot start: {exc}")
        path.unlink(missing_ok=True)
        return 1
    _log(f"serving {root}")
    if warm:
        threading.Thread(target=server.warm_up, args=(warm,), name="grader-warm-up",
                         daemon=True).start()
    reason = None
    try:
        while reason is None:
            try:
                connection, _ = listening.accept()
            except TimeoutError:
                reason = server.should_exit(listening, (info.st_dev, info.st_ino))
                continue
            connection.settimeout(None)
            threading.Thread(target=server.handle, args=(connection,), daemon=True).start()
    finally:
        try:
            if os.stat(path).st_ino == info.st_ino:
                path.unlink()
        except OSError:
            pass
        listening.close()
        _log(f"exiting: {reason or 'interrupted'}")
        server.close()
    return 0


def main(argv: list[str]) -> int:
    warm: list[str] = []
    if len(argv) > 2 and argv[1] == "--warm":
        argv, warm = argv[:1], argv[2:]
    if len(argv) != 1:
        print("usage: python -m grader.server.daemon WORKSPACE [--warm ID ...]", file=sys.stderr)
        return 2
    return serve(Path(argv[0]).resolve(), warm)


if __name__ == "__main__":
    # os._exit: no interpreter teardown (torch's takes ~0.5 s); the log is fsynced on append.
    os._exit(main(sys.argv[1:]))
