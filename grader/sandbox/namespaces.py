"""Linux namespaces for a worker, where they work: no network, reference folders hidden.

Runs in the forked worker while it is still root, just before it drops to `nobody`. Without
root (a learner's own machine) it does nothing and says so; the process limits still apply.
"""

from __future__ import annotations

import ctypes
import os

CLONE_NEWNS = 0x00020000
CLONE_NEWNET = 0x40000000
MS_RDONLY, MS_NOSUID, MS_NODEV, MS_NOEXEC = 1, 2, 4, 8
MS_REC, MS_PRIVATE = 1 << 14, 1 << 18


def enter(hide: list[str], workdir: str) -> str:
    """Isolate the calling process; returns a one-line description of what took effect."""
    if os.geteuid() != 0:
        return "namespaces: not used (needs root); process limits only"
    libc = ctypes.CDLL(None, use_errno=True)
    if libc.unshare(CLONE_NEWNS | CLONE_NEWNET) != 0:
        return f"namespaces: unavailable ({os.strerror(ctypes.get_errno())})"
    # Our mounts must not leak back into the host's namespace.
    if libc.mount(b"none", b"/", None, MS_REC | MS_PRIVATE, None) != 0:
        return f"namespaces: network only ({os.strerror(ctypes.get_errno())})"
    hidden = []
    for path in hide:
        # Never cover the worker's own folder (a submission checked straight from /tmp).
        if not os.path.isdir(path) or os.path.commonpath([path, workdir]) == path:
            continue
        flags = MS_RDONLY | MS_NOSUID | MS_NODEV | MS_NOEXEC
        if libc.mount(b"tmpfs", path.encode(), b"tmpfs", flags, b"size=4k,mode=000") == 0:
            hidden.append(path)
    return f"namespaces: no network; hidden: {', '.join(hidden) or 'nothing'}"
