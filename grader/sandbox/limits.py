"""Process limits applied to a worker before it touches student code.

Runs inside the forked worker, so it imports only the standard library.
"""

from __future__ import annotations

import os
import pwd
import resource
import signal
from dataclasses import asdict, dataclass

UNPRIVILEGED_USER = "nobody"

# The environment a worker sees: nothing from the caller's but these.
ENV_ALLOWLIST = ("PATH", "LANG", "TZ")
PINNED_ENV = {
    "LC_ALL": "C.UTF-8",
    "PYTHONHASHSEED": "0",
    "PYTHONDONTWRITEBYTECODE": "1",
    "PYTHONIOENCODING": "utf-8",
    "OMP_NUM_THREADS": "1",
    "MKL_NUM_THREADS": "1",
    "OPENBLAS_NUM_THREADS": "1",
    "TOKENIZERS_PARALLELISM": "false",
}


@dataclass(frozen=True)
class Limits:
    cpu_seconds: int = 60
    memory_mb: int = 4096
    file_size_mb: int = 16
    open_files: int = 256
    processes: int = 64

    def to_wire(self) -> dict:
        return asdict(self)

    @classmethod
    def from_config(cls, cfg) -> Limits:
        """The one place ``SANDBOX.*`` settings become limits (checks, quiz snippets, grading)."""
        return cls(cpu_seconds=int(cfg.SANDBOX.CPU_SECONDS), memory_mb=int(cfg.SANDBOX.MEMORY_MB),
                   file_size_mb=int(cfg.SANDBOX.FILE_SIZE_MB),
                   open_files=int(cfg.SANDBOX.OPEN_FILES), processes=int(cfg.SANDBOX.PROCESSES))

    @classmethod
    def from_wire(cls, raw: dict) -> Limits:
        return cls(**{k: int(v) for k, v in raw.items() if k in cls.__dataclass_fields__})


def worker_environment(base: dict[str, str], home: str) -> dict[str, str]:
    env = {k: base[k] for k in ENV_ALLOWLIST if k in base}
    env.setdefault("PATH", "/usr/bin:/bin")
    env.update(PINNED_ENV)
    env.update(HOME=home, TMPDIR=home)
    return env


def unprivileged_ids() -> tuple[int, int] | None:
    """The uid/gid to drop to, or None when we are not root (nothing to drop)."""
    if os.geteuid() != 0:
        return None
    entry = pwd.getpwnam(UNPRIVILEGED_USER)
    return entry.pw_uid, entry.pw_gid


def apply_limits(limits: Limits, drop_to: tuple[int, int] | None) -> None:
    mib = 1024 * 1024
    cpu = limits.cpu_seconds
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu))
    # DATA, not AS: torch reserves ~0.6 GiB of address space just to import.
    data = limits.memory_mb * mib
    resource.setrlimit(resource.RLIMIT_DATA, (data, data))
    size = limits.file_size_mb * mib
    resource.setrlimit(resource.RLIMIT_FSIZE, (size, size))
    resource.setrlimit(resource.RLIMIT_NOFILE, (limits.open_files, limits.open_files))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    # Writing past FSIZE should fail the write, not kill the worker with no explanation.
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    if drop_to is not None:
        uid, gid = drop_to
        # NPROC counts per real uid, so it only means something once we are `nobody`.
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))
        os.setgroups([])
        os.setgid(gid)
        os.setuid(uid)
