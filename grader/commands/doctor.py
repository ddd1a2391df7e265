"""`grader doctor`: which isolation student code gets here, why, and what it can see.

Also starts one worker and asks it what it sees, so a sandbox that is detected but broken on
this machine (a Python it cannot show, a container that forbids a mount) shows up here first.
Exit status 0 when the strict sandbox is in effect and works, 1 otherwise.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from grader.commands import EXIT_FAILED, EXIT_OK

# Answers, from inside a worker, what a submission would find.
PROBE = b'''
import os, socket

def look(samples):
    seen = {"uid": os.getuid(), "pid": os.getpid(), "cwd": os.getcwd()}
    for name, path in samples.items():
        seen[name] = path is not None and os.path.lexists(path)
    try:
        socket.create_connection(("127.0.0.1", 9), timeout=0.5).close()
        seen["network"] = "connected"
    except OSError as exc:
        seen["network"] = exc.strerror or type(exc).__name__
    return seen
'''


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.config import load_config
    from grader.sandbox.isolation import FORCE_ENV, isolation_status
    from grader.sandbox.jail import HOME, TMP, TMPFS_SIZE_MB, WORKDIR
    from grader.sandbox.limits import unprivileged_ids
    from grader.sandbox.view import python_view
    from grader.workspace import WORKSPACE_FILE, find_workspace

    status = isolation_status()
    root = find_workspace(Path.cwd())
    cfg = load_config(root / WORKSPACE_FILE if root else None, opts)
    wanted = bool(cfg.SANDBOX.NAMESPACES)
    drop_to = unprivileged_ids()
    print(f"isolation: {status.describe()}")
    if status.strict and not wanted:
        print("  but SANDBOX.NAMESPACES is false in this workspace's settings: checks here run "
              "with process limits only")
    if drop_to is not None:
        print(f"student code runs as: uid {drop_to[0]} ('nobody'), dropped from root")
    else:
        print(f"student code runs as: you (uid {os.geteuid()})"
              + (", in a user namespace of its own" if status.strict else ""))
    print(f"Python: {sys.executable} ({sys.version.split()[0]}), prefix {sys.prefix}")
    if not status.strict:
        print("student code can read and write whatever you can: your home, this workspace, "
              "other files on this machine, and the network.")
        if FORCE_ENV in status.reason:
            print(f"to turn the strict sandbox on: unset {FORCE_ENV}")
        else:
            print("to turn the strict sandbox on, allow unprivileged user namespaces (for "
                  "example `sudo sysctl -w kernel.unprivileged_userns_clone=1`, or on Ubuntu "
                  "`sudo sysctl -w kernel.apparmor_restrict_unprivileged_userns=0`), then run "
                  "`grader doctor` again.")
        print("`grader grade` (a class's submissions) refuses to run without it unless given "
              "--unsafe-no-sandbox.")
        return EXIT_FAILED
    view = python_view()
    print("student code sees, read-only:")
    for path in view.readonly:
        print(f"  {path}" + (f" -> {os.readlink(path)}" if os.path.islink(path) else ""))
    if view.hidden:
        print("covered inside those (grader's own files):")
        for path in view.hidden:
            print(f"  {path}")
    print(f"writable: a private {TMP} and {HOME} ({TMPFS_SIZE_MB} MB in all), and {WORKDIR} "
          "(its own copy of the submission)")
    print("no network: a network namespace with no interface up; a fresh /proc of its own")
    return _try_a_worker(cfg)


def _try_a_worker(cfg) -> int:
    from grader.sandbox.host import SandboxError, Worker, WorkerFailure, Zygote
    from grader.sandbox.limits import Limits

    try:
        with Zygote().start() as zygote, Worker(zygote, PROBE, "doctor_probe", "probe",
                                                limits=Limits.from_config(cfg)) as worker:
            failure = worker.open(timeout=30)
            if failure is not None:
                print(f"a test worker did not start: {failure.message}")
                return EXIT_FAILED
            samples = {"your home": _sample(Path.home()), "this folder": _sample(Path.cwd())}
            reply = worker.call("look", (samples,), timeout=30)
    except (SandboxError, WorkerFailure) as exc:
        print(f"a test worker failed: {exc}")
        return EXIT_FAILED
    if not reply.ok or not isinstance(reply.value, dict):
        print("a test worker sent back no answer")
        return EXIT_FAILED
    seen = reply.value
    print(f"a test worker: pid {seen['pid']} in its namespace, cwd {seen['cwd']}; your home "
          f"{'VISIBLE' if seen['your home'] else 'hidden'}, this folder "
          f"{'VISIBLE' if seen['this folder'] else 'hidden'}; network: {seen['network']}")
    leaked = seen["your home"] or seen["this folder"] or seen["network"] == "connected"
    return EXIT_FAILED if leaked else EXIT_OK


def _sample(folder: Path) -> str | None:
    """A file in ``folder`` to look for from inside (the folder's own path may exist there
    too: /tmp does), or None when it is empty."""
    try:
        entries = sorted(os.listdir(folder))
    except OSError:
        return None
    return str(folder / entries[0]) if entries else None
