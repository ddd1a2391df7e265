"""The worker: one forked process per submission, holding the student's module.

It only answers requests: import the module, call a function (or an exercise probe) with
plain-data arguments, send back plain data. It never sees a reference solution or a verdict.
Everything here runs in untrusted territory, so it imports only the standard library and the
codec; the supervisor trusts nothing it says beyond "this is the value that came back".
"""

from __future__ import annotations

import importlib
import inspect
import os
import resource
import sys
import tempfile
import traceback
import types

from grader import wire
from grader.channel import Channel, ChannelClosed
from grader.sandbox import capture, jail
from grader.sandbox import probekit as _probekit  # noqa: F401 - probes import it later
from grader.sandbox.limits import Limits, apply_limits


def serve(sock, nonce: str, workdir: str, limits: dict, drop_to: list | None,
          view: dict | None = None, pid_one: bool = False, setup_fd: int = -1) -> None:
    """Entry point in the forked child; never returns. ``view``: what the strict sandbox
    shows (see ``view.py``); None: process limits only. ``pid_one``: the zygote forked us
    as PID 1 of a pid namespace of our own. ``setup_fd``: where to say why the sandbox could
    not be set up; closed before any student code runs, so student code cannot say it."""
    status = 0
    try:
        try:
            output, inside = _isolate(sock, workdir, Limits.from_wire(limits),
                                      tuple(drop_to) if drop_to else None, view, pid_one,
                                      setup_fd)
        except jail.JailError as exc:
            os.write(setup_fd, f"the strict sandbox could not start ({exc})".encode()[:4000])
            status = jail.SETUP_FAILED
            return
        if setup_fd >= 0:
            os.close(setup_fd)
        _Session(Channel(sock, nonce), inside, output).run()
    except BaseException:  # noqa: BLE001 - the child must end here, whatever happened
        status = status or 70
    finally:
        os._exit(status)


def _isolate(sock, workdir: str, limits: Limits, drop_to, view: dict | None,
             pid_one: bool, setup_fd: int) -> tuple[capture.Capture, str]:
    os.setsid()
    read_end, write_end = capture.pipe()
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.dup2(write_end, 1)
    os.dup2(write_end, 2)
    keep = {0, 1, 2, sock.fileno(), read_end, setup_fd}
    for fd in _open_fds():
        if fd not in keep:
            try:
                os.close(fd)
            except OSError:
                pass
    inside = workdir
    if view is not None:
        inside = jail.enter(view, workdir, drop_to, sock.fileno(), pid_one)
        os.environ.update(HOME=jail.HOME, TMPDIR=jail.TMP)
        tempfile.tempdir = None  # it may have cached the zygote's folder
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stdout = open(1, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
    os.chdir(inside)
    apply_limits(limits, drop_to)
    if drop_to is None and (pid_one or view is not None):
        # In a user namespace of our own (or the zygote's), the process count is per
        # namespace, so it caps a fork bomb without counting the user's other processes.
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))
    # Always: a worker forked from a zygote in its own user namespace holds its capabilities.
    jail.seal(as_root=drop_to is not None)
    sys.path.insert(0, inside)
    sys.dont_write_bytecode = True
    return capture.Capture(read_end), inside


def _open_fds() -> list[int]:
    try:
        return [int(name) for name in os.listdir("/proc/self/fd")]
    except OSError:
        return list(range(3, 256))


class _Session:
    def __init__(self, channel: Channel, workdir: str, output: capture.Capture) -> None:
        self.channel = channel
        self.workdir = workdir
        self.output = output
        self.module: types.ModuleType | None = None
        self.probes: types.ModuleType | None = None
        self.display_name = "submission"

    def run(self) -> None:
        while True:
            try:
                request, blob = self.channel.receive_frame()
            except ChannelClosed:
                return
            op = request.get("op")
            out = bytearray()  # the reply's tensor data
            if op == "open":
                reply = self.open(request)
            elif op == "call":
                reply = self.call(request, blob, out)
            else:
                reply = {"ok": False, "error": {"kind": "protocol", "message": f"unknown op {op}"}}
            reply["output"] = self.output.take()
            self.channel.send(reply, bytes(out))

    def open(self, request: dict) -> dict:
        self.display_name = request["display_name"]
        if request.get("probes_source"):
            probes = types.ModuleType("grader_probes")
            code = compile(request["probes_source"], "<probes>", "exec")
            exec(code, probes.__dict__)  # noqa: S102 - exercise probe code, shipped with grader
            self.probes = probes
        try:
            self.module = importlib.import_module(request["module"])
        except BaseException as exc:  # noqa: BLE001 - SystemExit at import included
            return {"ok": False, "error": self._describe_import_error(exc)}
        for spec in request.get("required", []):
            problem = _check_name(self.module, spec)
            if problem:
                return {"ok": False, "error": problem}
        return {"ok": True}

    def call(self, request: dict, blob: bytes, out: bytearray) -> dict:
        try:
            args = [wire.decode(a, blob=blob) for a in request.get("args", [])]
            kwargs = {k: wire.decode(v, blob=blob) for k, v in request.get("kwargs", {}).items()}
            if request.get("probe"):
                target = getattr(self.probes, request["func"])
                args = [self.module, *args]
            else:
                target = getattr(self.module, request["func"])
        except Exception as exc:  # noqa: BLE001
            return {"ok": False, "error": {"kind": "protocol", "message": repr(exc)}}
        try:
            result = target(*args, **kwargs)
        except BaseException as exc:  # noqa: BLE001 - report SystemExit too, never die silently
            return {"ok": False, "raised": self._describe_exception(exc)}
        try:
            value = wire.encode(result, blob=out)
        except Exception as exc:  # noqa: BLE001
            out.clear()
            value = {"t": "opaque", "type": type(result).__qualname__, "v": str(exc)[:200]}
        return {"ok": True, "value": value}

    def _describe_import_error(self, exc: BaseException) -> dict:
        if isinstance(exc, SystemExit):
            return {
                "kind": "import",
                "message": f"your file called sys.exit({exc.code!r}) while being imported",
            }
        described = self._describe_exception(exc)
        return {"kind": "import", "message": f"{described['type']}: {described['message']}",
                "traceback": described["traceback"], "line": described.get("line")}

    def _describe_exception(self, exc: BaseException) -> dict:
        frames = [
            f for f in traceback.extract_tb(exc.__traceback__)
            if f.filename.startswith(self.workdir)
        ]
        lines = []
        for frame in frames:
            lines.append(f'  {self.display_name}, line {frame.lineno}, in {frame.name}')
            if frame.line:
                lines.append(f"    {frame.line}")
        try:
            message = str(exc)
        except Exception:  # noqa: BLE001
            message = "<unprintable>"
        return {
            "type": type(exc).__name__,
            "mro": [c.__name__ for c in type(exc).__mro__],
            "message": message[:2000],
            "traceback": "\n".join(lines[-20:]),
            "line": frames[-1].lineno if frames else None,
        }


def _check_name(module: types.ModuleType, spec: dict) -> dict | None:
    name = spec["name"]
    shown = spec.get("shown", name)
    obj = getattr(module, name, None)
    if obj is None:
        return {"kind": "missing", "message": f"`{name}` is not defined in your file; "
                f"the exercise needs {shown}"}
    if spec.get("kind") == "class":
        if not isinstance(obj, type):
            return {"kind": "signature", "message": f"`{name}` should be a class: {shown}"}
    elif not callable(obj):
        return {"kind": "signature", "message": f"`{name}` should be a function: {shown}"}
    try:
        sig = inspect.signature(obj)
    except (TypeError, ValueError):
        return None
    required = [object()] * int(spec.get("required", 0))
    optional = {k: object() for k in spec.get("optional", [])}
    try:
        sig.bind(*required)
        sig.bind(*required, **optional)
    except TypeError:
        return {"kind": "signature",
                "message": f"`{name}{sig}` cannot be called as the exercise calls it: {shown}"}
    return None
