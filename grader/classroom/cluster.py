"""Grading (student, exercise) pairs on a Dask cluster: `grader grade --cluster tcp://HOST:8786`.

Each Dask worker holds one warm ``Checker`` (set up once by ``CheckerPlugin``, closed when the
worker stops), so a task costs a fork and a replay, not an ``import torch``. A submission
travels as bytes with its sha256, so workers need no shared file system; references and checks
never leave a worker's own installed grader. The client alone writes the gradebook, as tasks
complete. Dask itself is imported only here, and only when a cluster is asked for.

Faults: a worker that dies mid-task has its task rerun elsewhere by the scheduler; a task that
keeps killing workers ends after the scheduler's ``allowed-failures`` (3 by default) and is
reported as crashed; a scheduler that goes away stops the run with ``ClusterError``, keeping
what finished.
"""

from __future__ import annotations

import hashlib
import os
import socket
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from grader.verdict import Verdict

PLUGIN_NAME = "grader-checker"
CONNECT_TIMEOUT_S = 20
_checker: Any = None  # the worker process' warm Checker, made by CheckerPlugin


class ClusterError(Exception):
    """The cluster cannot be used or went away; the message says what to do."""


@dataclass(frozen=True)
class ClusterJob:
    key: str  # unique per (student, exercise, submission)
    exercise_id: str
    file_name: str  # names the file for messages: exercise_NN.py
    source: bytes
    sha256: str


def versions() -> dict[str, str]:
    """What must match between the client and every worker for the same verdicts."""
    import grader
    from grader.exercise import exercises_version

    return {"grader": grader.__version__, "exercises": exercises_version()}


def _start_checker(preload: tuple[str, ...]) -> None:
    global _checker
    if _checker is None:
        from grader.checker import Checker

        _checker = Checker(preload=preload).start()


def _close_checker() -> None:
    global _checker
    if _checker is not None:
        _checker.close()
        _checker = None


def _plugin(preload: tuple[str, ...]) -> Any:
    from distributed.diagnostics.plugin import WorkerPlugin

    class CheckerPlugin(WorkerPlugin):
        """Sets up the worker's warm checker once and closes it when the worker stops."""

        name = PLUGIN_NAME

        def __init__(self, preload: tuple[str, ...]) -> None:
            self.preload = preload

        def setup(self, worker: Any) -> None:
            _start_checker(self.preload)

        def teardown(self, worker: Any) -> None:
            _close_checker()

    return CheckerPlugin(preload)


def grade_task(job: ClusterJob, opts: list[str]) -> dict:
    """Runs on a Dask worker: one file graded by the worker's warm checker, as plain data."""
    if hashlib.sha256(job.source).hexdigest() != job.sha256:
        raise ClusterError(f"{job.key}: the submission's bytes do not match its sha256")
    from grader.config import load_config
    from grader.exercise import get_exercise

    _start_checker(("torch",))  # normally done by the plugin already
    cfg = load_config(None, opts)
    verdict = _checker.check(get_exercise(job.exercise_id), Path(job.file_name), cfg,
                             source=job.source)
    answer = verdict.to_dict()
    answer["worker"] = f"{socket.gethostname()}:{os.getpid()}"
    return answer


def grade_on_cluster(address: str, jobs: list[ClusterJob], opts: list[str], *,
                     on_result: Callable[[ClusterJob, Verdict | None, str], None],
                     say: Callable[[str], None] = print,
                     connect_timeout: float = CONNECT_TIMEOUT_S) -> None:
    """Grade ``jobs`` on the scheduler at ``address``; ``on_result(job, verdict, worker)`` is
    called in this thread as each finishes (verdict None: it kept killing its workers).
    ``opts``: the grading settings (KEY VALUE ...), as for ``load_config``."""
    try:
        from distributed import Client, as_completed
        from distributed.client import FutureCancelledError
        from distributed.scheduler import KilledWorker
    except ImportError:
        raise ClusterError("--cluster needs Dask: pip install 'grader[cluster]'") from None
    try:
        client = Client(address, timeout=connect_timeout, set_as_default=False)
    except (OSError, TimeoutError) as exc:
        raise ClusterError(f"cannot reach the Dask scheduler at {address} ({exc}); is "
                           "`dask scheduler` running there?") from None
    try:
        _check_versions(client)
        if "dashboard" in client.scheduler_info().get("services", {}):
            say(f"Dask dashboard: {client.dashboard_link}")
        client.register_plugin(_plugin(("torch",)), name=PLUGIN_NAME)
        futures = {client.submit(grade_task, job, opts, key=f"grader-{job.key}", pure=False):
                   job for job in jobs}
        try:
            for future in as_completed(futures, loop=client.loop):
                job = futures[future]
                try:
                    answer = future.result()
                except KilledWorker:
                    on_result(job, None, "")
                    continue
                except (OSError, TimeoutError, FutureCancelledError):
                    raise
                except Exception as exc:  # the worker's grader itself failed, not the file
                    raise ClusterError(f"a Dask worker could not grade {job.key} "
                                       f"({type(exc).__name__}: {exc}); finished results are "
                                       "kept") from None
                worker = answer.pop("worker", "")
                on_result(job, Verdict.from_dict(answer), worker)
        except (OSError, TimeoutError, FutureCancelledError) as exc:
            raise ClusterError(f"lost the Dask scheduler at {address} ({type(exc).__name__}); "
                               "finished results are kept: run the same command again to "
                               "grade the rest") from None
    finally:
        client.close(timeout=5)


def _check_versions(client: Any) -> None:
    mine = versions()
    try:
        theirs = client.run(versions)
    except Exception as exc:  # a worker that cannot even import grader
        raise ClusterError(f"a Dask worker cannot run grader ({type(exc).__name__}: {exc}); "
                           "install the same grader on every worker") from None
    if not theirs:
        raise ClusterError("the Dask cluster has no workers; start some with "
                           "`dask worker tcp://SCHEDULER:8786 --nthreads 1`")
    for worker, found in sorted(theirs.items()):
        if found != mine:
            raise ClusterError(
                f"worker {worker} runs grader {found['grader']} with exercises "
                f"{found['exercises']}, this machine grader {mine['grader']} with exercises "
                f"{mine['exercises']}; install the same version on every worker "
                "(pip install the same grader), then restart the workers")
