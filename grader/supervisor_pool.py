"""The state of one supervisor process in a pool that proves exercises (validate, mutants):
its settings, its warm zygote and its recorded examples, set up once by ``start_supervisor``
(the pool's initializer) and read by the tasks the process runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

_state: dict[str, Any] = {}


def start_supervisor(opts: list[str], preload: tuple[str, ...],
                     config_path: Path | None) -> None:
    import atexit

    from grader.config import load_config
    from grader.judge.replay import RecordedExamples
    from grader.sandbox.host import Zygote

    _state["cfg"] = load_config(config_path, opts)
    _state["examples"] = RecordedExamples()
    zygote = Zygote(preload=preload).start()
    _state["zygote"] = zygote
    atexit.register(zygote.close)


def supervisor() -> tuple[Any, Any, Any]:
    """(zygote, cfg, recorded examples) of this pool process."""
    return _state["zygote"], _state["cfg"], _state["examples"]
