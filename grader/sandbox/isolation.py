"""Which isolation student code gets on this machine, found out once per process.

``strict``: the namespaces of ``jail.py`` work here, so student code sees only the allowlist
of ``view.py``. ``limits-only``: they do not (a hardened kernel, a container that forbids
``unshare``), or ``GRADER_SANDBOX=limits-only`` asked for it; student code then runs with
process limits only and could read whatever the user running grader can read.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from typing import Literal

from grader.sandbox import jail

FORCE_ENV = "GRADER_SANDBOX"  # "limits-only": skip the namespaces (tests, odd machines)
# Kernel settings that turn unprivileged user namespaces off, and the value that does it.
_SYSCTLS = (("kernel.unprivileged_userns_clone", "0"), ("user.max_user_namespaces", "0"),
            ("kernel.apparmor_restrict_unprivileged_userns", "1"))


@dataclass(frozen=True)
class IsolationStatus:
    mode: Literal["strict", "limits-only"]
    reason: str  # why: what works, or the missing kernel feature

    @property
    def strict(self) -> bool:
        return self.mode == "strict"

    def describe(self) -> str:
        """One line for a person: which isolation, and why."""
        if self.strict:
            return f"strict sandbox: {self.reason}"
        return f"process limits only: {self.reason}"


@functools.cache
def isolation_status() -> IsolationStatus:
    """Detected once per process (a forked child tries the namespaces) and cached."""
    forced = os.environ.get(FORCE_ENV, "")
    if forced == "limits-only":
        return IsolationStatus("limits-only", f"{FORCE_ENV}=limits-only is set")
    if forced not in ("", "strict", "auto"):
        return IsolationStatus("limits-only", f"{FORCE_ENV}={forced!r} is not one of "
                               "limits-only, strict, auto")
    if not sys.platform.startswith("linux"):
        return IsolationStatus("limits-only", f"Linux namespaces do not exist on {sys.platform}")
    failure = _probe()
    if failure:
        return IsolationStatus("limits-only", _explain(failure))
    kinds = "mount, pid, network and IPC" if os.geteuid() == 0 else \
        "user, mount, pid, network and IPC"
    return IsolationStatus("strict", f"{kinds} namespaces; a read-only view of Python only")


_warned = False


def warn_once(stream=None) -> None:
    """Say once per process, on stderr, that student code runs with process limits only."""
    global _warned
    warning = fallback_warning()
    if warning is None or _warned:
        return
    _warned = True
    print(warning, file=stream or sys.stderr)


def fallback_warning() -> str | None:
    """The warning line when student code runs with process limits only (None: strict)."""
    status = isolation_status()
    if status.strict:
        return None
    return (f"grader: warning: {status.describe()}. Student code runs with process limits "
            "only and can read what you can read (`grader doctor` says more).")


def _probe() -> str:
    """'' when the namespaces work, else what failed. The child is a throwaway fork."""
    read_end, write_end = os.pipe()
    try:
        pid = os.fork()
    except OSError as exc:
        os.close(read_end)
        os.close(write_end)
        return f"fork: {exc.strerror}"
    if pid == 0:
        try:
            os.close(read_end)
            message = jail.probe() or "ok"
            os.write(write_end, message.encode()[:2000])
        finally:
            os._exit(0)
    os.close(write_end)
    chunks = []
    while chunk := os.read(read_end, 4096):
        chunks.append(chunk)
    os.close(read_end)
    os.waitpid(pid, 0)
    message = b"".join(chunks).decode("utf-8", "replace")
    if message == "ok":
        return ""
    return message or "the probe process died"


def _explain(failure: str) -> str:
    """Name the kernel setting behind a failure when one is to blame."""
    if os.geteuid() != 0:
        for name, bad in _SYSCTLS:
            try:
                with open("/proc/sys/" + name.replace(".", "/")) as handle:
                    value = handle.read().strip()
            except OSError:
                continue
            if value == bad:
                return f"{name}={bad} ({failure})"
    if "EPERM" in failure:
        return f"{failure}; a seccomp filter or container may forbid namespaces"
    return failure
