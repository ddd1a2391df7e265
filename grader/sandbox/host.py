"""The trusted side of the sandbox: starts the zygote, opens submissions, calls with deadlines.

A ``Zygote`` is a warm, clean parent process (see ``zygote.py``); a ``Worker`` is one
submission's forked process. Every reply is checked for shape; a call with no well-formed
reply is a ``WorkerFailure`` (timeout, crash or garbage), whatever the exit status. A Worker
given a ``cancel`` event stops waiting with ``Cancelled`` once it is set; its owner then
closes it, which kills the process.
"""

from __future__ import annotations

import os
import secrets
import shutil
import socket
import stat
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from grader import wire
from grader.channel import Cancelled, Channel, ChannelClosed, ChannelError, ChannelTimeout
from grader.sandbox import view as sandbox_view
from grader.sandbox.isolation import isolation_status, warn_once
from grader.sandbox.jail import SETUP_FAILED
from grader.sandbox.limits import Limits, unprivileged_ids, worker_environment


class SandboxError(Exception):
    """The sandbox could not be set up; the message says what to do."""


class WorkerFailure(Exception):
    """A call produced no well-formed result: it timed out, the process died, or it lied."""

    def __init__(self, kind: str, message: str, output: str = "") -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.output = output


@dataclass
class Raised:
    """The student's code raised; the exception is described, never transported."""

    type: str
    lineage: list[str]  # the exception's class and its bases, by name
    message: str
    traceback: str = ""
    line: int | None = None

    def is_a(self, name: str) -> bool:
        return name in self.lineage


@dataclass
class Reply:
    ok: bool
    value: Any = None
    raised: Raised | None = None
    output: str = ""


@dataclass
class OpenFailure:
    kind: str  # import, missing, signature, timeout, crash
    message: str
    traceback: str = ""
    line: int | None = None
    output: str = ""


@dataclass
class Zygote:
    preload: tuple[str, ...] = ()
    start_timeout: float = 60.0
    _process: subprocess.Popen | None = field(default=None, init=False)
    _control: Channel | None = field(default=None, init=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False)
    _ready: bool = field(default=False, init=False)
    _closed: bool = field(default=False, init=False)

    def start(self) -> Zygote:
        """Launch without waiting, so the caller can import its own things meanwhile."""
        drop_to = unprivileged_ids()
        strict = isolation_status().strict
        warn_once()
        if drop_to is not None:
            if strict:
                _require_readable(sandbox_view.python_view().readonly, drop_to)
            else:
                _require_world_readable()
        ours, theirs = socket.socketpair()
        nonce = secrets.token_hex(16)
        self._home = tempfile.mkdtemp(prefix="grader-zygote-")
        self._stderr = open(os.path.join(self._home, "stderr"), "w+b")  # noqa: SIM115
        self._process = subprocess.Popen(
            [sys.executable, "-I", "-m", "grader.sandbox.zygote", str(theirs.fileno()), nonce,
             "pid" if strict else "none", *self.preload],
            pass_fds=[theirs.fileno()],
            env=worker_environment(dict(os.environ), self._home),
            cwd=self._home,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self._stderr,
            start_new_session=True,
        )
        theirs.close()
        self._control = Channel(ours, nonce)
        return self

    @property
    def started(self) -> bool:
        """True once ``start`` has launched the process (it may still be importing)."""
        return self._control is not None

    @property
    def process_id(self) -> int | None:
        """The zygote's pid once started (its workers are its children), else None. With
        pid namespaces the process started stands in for the zygote, its child: this waits
        for the zygote's greeting, which names it."""
        if self._process is None:
            return None
        with self._lock:
            try:
                self._wait_ready()
            except SandboxError:
                return self._process.pid
        return self.pid

    def _wait_ready(self, cancel: threading.Event | None = None) -> None:
        if self._closed:
            raise SandboxError("the sandbox was closed")
        if self._ready:
            return
        if self._control is None:
            self.start()
        try:
            # A cancel leaves the greeting unread: the next caller waits for it again.
            hello = self._control.receive(timeout=self.start_timeout, cancel=cancel)
        except ChannelError as exc:
            self._stderr.seek(0)
            detail = self._stderr.read()[-2000:].decode("utf-8", "replace").strip()
            self.close()
            raise SandboxError(f"the sandbox process did not start ({exc}). {detail}") from None
        if hello.get("op") != "ready":
            self.close()
            raise SandboxError("the sandbox process sent an unexpected greeting")
        self.pid = int(hello["pid"])
        self._ready = True

    def spawn(self, workdir: str, limits: Limits, sandbox: bool = True,
              data: tuple[str, ...] = (),
              cancel: threading.Event | None = None) -> tuple[int, Channel, int]:
        """Fork a worker: its pid, its channel, and the read end of its setup pipe (see
        ``setup_failure``). ``sandbox``: in the strict sandbox where this machine has one
        (False: process limits only); ``data``: folders it may read besides Python's.
        ``cancel`` stops a wait for the zygote to finish starting."""
        drop_to = unprivileged_ids()
        nonce = secrets.token_hex(16)
        view = None
        if sandbox and isolation_status().strict:
            view = sandbox_view.python_view().to_wire(self._home, data)
        with self._lock:
            self._wait_ready(cancel)
            self._control.send({"op": "spawn", "workdir": workdir, "limits": limits.to_wire(),
                                "worker_nonce": nonce, "view": view,
                                "drop_to": list(drop_to) if drop_to else None})
            try:
                fds = self._control.receive_fds(timeout=30)
                fds += self._control.receive_fds(timeout=30)
                reply = self._control.receive(timeout=30)
            except (OSError, ChannelError) as exc:
                raise SandboxError(f"the sandbox could not start a worker: {exc}") from None
        if len(fds) != 2 or reply.get("op") != "spawned":
            for fd in fds:
                os.close(fd)
            raise SandboxError("the sandbox could not start a worker")
        return int(reply["pid"]), Channel(socket.socket(fileno=fds[0]), nonce), fds[1]

    def reap(self, pid: int) -> int | None:
        with self._lock:
            if self._control is None:
                return None
            try:
                self._control.send({"op": "reap", "pid": pid})
                reply = self._control.receive(timeout=30)
            except (OSError, ChannelError):
                return None
        return reply.get("status")

    def close(self) -> None:
        """Stop the zygote and its workers for good: a closed Zygote starts nothing again."""
        self._closed = True
        if self._control is not None:
            try:
                self._control.send({"op": "exit"})
            except OSError:
                pass
            self._control.close()
            self._control = None
        if self._process is not None:
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            self._process = None
        if getattr(self, "_home", None):
            self._stderr.close()
            shutil.rmtree(self._home, ignore_errors=True)
            self._home = None

    def __enter__(self) -> Zygote:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class Worker:
    """One submission loaded in its own process; restartable after a crash.

    ``prefetch`` starts the next process early, in a folder of its own, so that the next
    ``open`` (a fresh process for the next check) finds the submission already imported.
    """

    def __init__(self, zygote: Zygote, submission_source: bytes, module_name: str,
                 display_name: str, *, limits: Limits, probes_source: str | None = None,
                 required: list[dict] | None = None, sandbox: bool = True,
                 data: tuple[str, ...] | list[str] = (),
                 cancel: threading.Event | None = None) -> None:
        """``sandbox``: run in the strict sandbox where the machine has one (False: process
        limits only); ``data``: folders of shipped data the submission may read."""
        self.zygote = zygote
        self.cancel = cancel
        self.source = submission_source
        self.module_name = module_name
        self.display_name = display_name
        self.limits = limits
        self.probes_source = probes_source
        self.required = required or []
        self.sandbox = sandbox
        self.data = tuple(str(Path(p).resolve()) for p in data)
        drop_to = unprivileged_ids()
        if drop_to is not None and sandbox and self.data:
            _require_readable(self.data, drop_to)
        self.workdir = tempfile.mkdtemp(prefix="grader-run-")
        self.pid: int | None = None
        self.channel: Channel | None = None
        self._setup: int | None = None  # read end of the worker's setup pipe
        self._setup_message = ""
        self._spare: _Spare | None = None  # started by prefetch, not yet used
        self._spare_dir: str | None = None

    def prefetch(self) -> None:
        """Start the process the next ``open`` will use, and its import, in the background:
        the zygote forks it while this thread goes on with the current process."""
        if self._spare is not None:
            return
        if self._spare_dir is None:
            self._spare_dir = tempfile.mkdtemp(prefix="grader-run-")
        self._lay_out(self._spare_dir)
        spare = _Spare(self.zygote, self._spare_dir, self.limits, (self.sandbox, self.data),
                       self._open_request())
        spare.start()
        self._spare = spare

    def open(self, timeout: float) -> OpenFailure | None:
        """Start a process and import the submission; None when it is ready for calls."""
        self._kill()
        if self.cancel is not None and self.cancel.is_set():
            raise Cancelled
        spare, self._spare = self._spare, None
        started = spare.result() if spare is not None else None
        if started is not None:
            self.pid, self.channel, self._setup = started
            self.workdir, self._spare_dir = self._spare_dir, self.workdir
        else:
            self._lay_out(self.workdir)
            self.pid, self.channel, self._setup = self.zygote.spawn(
                self.workdir, self.limits, self.sandbox, self.data, self.cancel)
            try:
                self.channel.send(self._open_request())
            except OSError:
                pass  # it died already: the receive below reports how
        try:
            reply = self.channel.receive(timeout=timeout, cancel=self.cancel)
        except ChannelTimeout:
            self._kill()
            return OpenFailure("timeout", f"importing {self.display_name} did not finish "
                               f"within {timeout:g} s (an endless loop or a long computation "
                               "at the top level of your file?)")
        except ChannelError:
            status = self._kill()
            if status == SETUP_FAILED and self._setup_message:
                raise SandboxError(self._setup_message) from None
            return OpenFailure("crash", f"the process importing {self.display_name} ended "
                               f"({_describe_status(status)}) before reporting back")
        if reply.get("ok") is True:
            return None
        error = reply.get("error") if isinstance(reply.get("error"), dict) else {}
        self._kill()
        return OpenFailure(str(error.get("kind", "import")), str(error.get("message", "")),
                           str(error.get("traceback", "") or ""), error.get("line"),
                           str(reply.get("output", ""))[:10_000])

    def call(self, func: str, args: tuple = (), kwargs: dict | None = None, *,
             probe: bool = False, timeout: float = 10.0) -> Reply:
        return parse_reply(self.exchange(self.request(func, args, kwargs, probe=probe),
                                         timeout=timeout))

    @staticmethod
    def request(func: str, args: tuple = (), kwargs: dict | None = None, *,
                probe: bool = False) -> tuple[dict, bytes]:
        """The call as it travels: plain JSON-able data, and the raw bytes of its tensors."""
        blob = bytearray()
        try:
            message = {"op": "call", "func": func, "probe": probe,
                       "args": [wire.encode(a, blob=blob) for a in args],
                       "kwargs": {k: wire.encode(v, blob=blob)
                                  for k, v in (kwargs or {}).items()}}
        except wire.WireError as exc:
            raise WorkerFailure("protocol", f"cannot send arguments: {exc}") from None
        return message, bytes(blob)

    def exchange(self, request: tuple[dict, bytes], *,
                 timeout: float = 10.0) -> tuple[dict, bytes]:
        """Send a ``request`` and return the raw reply frame (``parse_reply`` reads it)."""
        if self.channel is None:
            raise WorkerFailure("dead", "the process running your code is gone")
        self.post(request)
        return self.collect(timeout=timeout)

    def post(self, request: tuple[dict, bytes]) -> None:
        """Send a request without waiting; its reply comes, in order, from ``collect``. Keep
        the bytes in flight well under the socket's buffer (``Transcript`` does)."""
        if self.channel is not None:
            try:
                self.channel.send(*request)
            except OSError:
                pass  # it died: collect() tells how

    def post_text(self, text: str, blob: bytes) -> None:
        """``post`` for a request whose message is already in JSON text."""
        if self.channel is not None:
            try:
                self.channel.send_text(text, blob)
            except OSError:
                pass  # it died: collect() tells how

    def collect(self, *, timeout: float = 10.0) -> tuple[dict, bytes]:
        """The raw reply frame to the oldest request not answered yet."""
        if self.channel is None:
            raise WorkerFailure("dead", "the process running your code is gone")
        try:
            return self.channel.receive_frame(timeout=timeout, cancel=self.cancel)
        except ChannelTimeout:
            self._kill()
            raise WorkerFailure("timeout", f"did not return within {timeout:g} s") from None
        except ChannelClosed:
            status = self._kill()
            raise WorkerFailure("crash", "the process running your code ended "
                                f"({_describe_status(status)}) before returning") from None
        except ChannelError as exc:
            self._kill()
            raise WorkerFailure("protocol", f"sent back a malformed result ({exc})") from None

    def _open_request(self) -> dict:
        return {"op": "open", "module": self.module_name, "display_name": self.display_name,
                "probes_source": self.probes_source, "required": self.required}

    def _lay_out(self, workdir: str) -> None:
        """A clean copy of the submission in ``workdir``: nothing a previous process left."""
        for entry in os.listdir(workdir):
            path = os.path.join(workdir, entry)
            if os.path.isdir(path) and not os.path.islink(path):
                shutil.rmtree(path, ignore_errors=True)
            else:
                os.unlink(path)
        target = Path(workdir) / f"{self.module_name}.py"
        target.write_bytes(self.source)
        drop_to = unprivileged_ids()
        if drop_to is not None:
            os.chown(workdir, *drop_to)
            os.chown(target, *drop_to)

    def _kill(self) -> int | None:
        status = None
        if self.pid is not None:
            status = self.zygote.reap(self.pid)
            self.pid = None
        self._setup_message = ""
        if self._setup is not None:
            # The worker wrote here only if its sandbox failed, before any student code ran.
            try:
                os.set_blocking(self._setup, False)
                self._setup_message = os.read(self._setup, 4000).decode("utf-8", "replace")
            except OSError:
                pass
            os.close(self._setup)
            self._setup = None
        if self.channel is not None:
            self.channel.close()
            self.channel = None
        return status

    def close(self) -> None:
        """Kill the process (and a prefetched one) and remove their folders."""
        self._kill()
        spare, self._spare = self._spare, None
        started = spare.result() if spare is not None else None
        if started is not None:
            self.zygote.reap(started[0])
            started[1].close()
            os.close(started[2])
        shutil.rmtree(self.workdir, ignore_errors=True)
        if self._spare_dir is not None:
            shutil.rmtree(self._spare_dir, ignore_errors=True)

    def __enter__(self) -> Worker:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


class _Spare(threading.Thread):
    """Forks a worker and asks it to import the submission, off the grading thread."""

    def __init__(self, zygote: Zygote, workdir: str, limits: Limits,
                 sandbox: tuple[bool, tuple[str, ...]], open_request: dict) -> None:
        super().__init__(name="grader-prefetch", daemon=True)
        self._args = (zygote, workdir, limits, sandbox, open_request)
        self._worker: tuple[int, Channel, int] | None = None

    def run(self) -> None:
        zygote, workdir, limits, (strict, data), open_request = self._args
        try:
            pid, channel, setup = zygote.spawn(workdir, limits, strict, data)
        except SandboxError:
            return  # open() starts one the ordinary way and reports the problem
        self._worker = (pid, channel, setup)
        try:
            channel.send(open_request)
        except OSError:
            pass  # it died already: open() reports how

    def result(self) -> tuple[int, Channel, int] | None:
        """(pid, channel, setup pipe) of the started worker, None if it could not be
        started."""
        self.join()
        return self._worker


def parse_reply(frame: tuple[dict, bytes]) -> Reply:
    """Read a raw reply frame (message, bytes); a malformed one is a WorkerFailure."""
    reply, blob = frame
    output = reply.get("output", "")
    if not isinstance(output, str):
        raise WorkerFailure("protocol", "sent back a malformed result")
    try:
        if reply.get("ok") is True and "value" in reply:
            return Reply(True, wire.decode(reply["value"], blob=blob), output=output)
        raised = reply.get("raised")
        if reply.get("ok") is False and isinstance(raised, dict):
            mro = [str(n) for n in raised.get("mro", []) if isinstance(n, str)]
            return Reply(False, raised=Raised(str(raised.get("type")), mro,
                                              str(raised.get("message", "")),
                                              str(raised.get("traceback", "") or ""),
                                              raised.get("line")), output=output)
    except (wire.WireError, TypeError, ValueError, KeyError) as exc:
        raise WorkerFailure("protocol", f"sent back a malformed result ({exc})",
                            output) from None
    error = reply.get("error")
    detail = error.get("message") if isinstance(error, dict) else "no result"
    raise WorkerFailure("protocol", f"sent back no result ({detail})", output)


def _describe_status(status: int | None) -> str:
    if status is None:
        return "exit status unknown"
    if status < 0:
        import signal

        try:
            return f"killed by {signal.Signals(-status).name}"
        except ValueError:
            return f"killed by signal {-status}"
    return f"exit status {status}"


def _require_readable(paths: tuple[str, ...], drop_to: tuple[int, int]) -> None:
    """As root, student code runs as `nobody`, who must be able to read what it is shown."""
    path = sandbox_view.unreadable(paths, *drop_to)
    if path is not None:
        raise SandboxError(
            f"student code runs as the user 'nobody' when grader is started as root, and "
            f"'nobody' cannot read {path}: make it readable (chmod -R o+rX {path}), use a "
            "Python outside a private folder such as /root (the README's ./dev script "
            "does), or run grader as a normal user.")


def _require_world_readable() -> None:
    """As root we drop student code to `nobody`, who must be able to import Python and grader."""
    import grader

    for path in (Path(sys.base_prefix) / "lib", Path(grader.__file__).parent, Path(sys.prefix)):
        probe = path.resolve()
        for part in [probe, *probe.parents]:
            mode = part.stat().st_mode
            if not mode & stat.S_IXOTH:
                raise SandboxError(
                    f"grader runs student code as the user 'nobody' when started as root, but "
                    f"'nobody' cannot enter {part} (needed for {path}). Install grader with a "
                    "Python outside /root (the README's ./dev script does), or run as a normal "
                    "user.")
