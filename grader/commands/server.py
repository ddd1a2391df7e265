"""`grader server status|stop`: the workspace's warm check server, which `grader check` starts
by itself (see ``grader.server``)."""

from __future__ import annotations

import argparse
import time

from grader.commands import EXIT_FAILED, EXIT_OK


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.server.client import ServerUnavailable, request, server_pid
    from grader.workspace import require_workspace

    workspace = require_workspace(opts)
    root = workspace.root
    if args.action == "status":
        try:
            reply = request(root, {"op": "status"}, timeout=5.0)
        except ServerUnavailable:
            if not workspace.cfg.CHECK.SERVER:
                print("no check server: CHECK.SERVER is off in this workspace")
            else:
                print("no check server running for this workspace; the next `grader check` "
                      "starts one")
            return EXIT_OK
        uptime = time.time() - float(reply.get("started_at", time.time()))
        print(f"check server running for {root}: pid {reply.get('pid')}, up "
              f"{_minutes(uptime)}, {reply.get('checks', 0)} check(s), idle "
              f"{_minutes(reply.get('idle_s', 0))} (exits after "
              f"{_minutes(reply.get('idle_limit_s', 0))} idle), grader "
              f"{reply.get('version', '?')}")
        return EXIT_OK
    try:
        request(root, {"op": "stop"}, timeout=5.0)
    except ServerUnavailable:
        if server_pid(root) is None:
            print("no check server running for this workspace")
            return EXIT_OK
    deadline = time.monotonic() + 15.0
    while server_pid(root) is not None:
        if time.monotonic() > deadline:
            print(f"grader: the check server (pid {server_pid(root)}) did not stop; "
                  "it exits by itself when idle")
            return EXIT_FAILED
        time.sleep(0.05)
    print("check server stopped")
    return EXIT_OK


def _minutes(seconds: float) -> str:
    seconds = float(seconds)
    return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.0f} min"
