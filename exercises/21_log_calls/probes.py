"""Runs in the worker: decorate a probe-defined function with log_calls and watch it.

The function records what it received and how many log records already existed when it
started, then returns or raises what the check asked for. Records are collected by a handler on
a fresh logger (propagate off) and, to spot a message sent elsewhere, by one on the root logger.
"""

import itertools
import logging

_serial = itertools.count()
PLAIN = (bool, int, float, str, bytes)


class ProbeError(Exception):
    """What the decorated function raises when the check asks it to."""


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.NOTSET)
        self.records = []

    def emit(self, record):
        try:
            message = record.getMessage()
        except Exception as exc:  # noqa: BLE001 - a format string that does not fit its args
            message = f"<the message could not be formatted: {type(exc).__name__}: {exc}>"
        self.records.append({"message": message, "level": record.levelname,
                             "logger": record.name})


def _plain(value, depth=0):
    """A copy that can cross the wire: unknown objects become a short description."""
    if value is None or type(value) in PLAIN:
        return value
    if depth < 10 and type(value) in (list, tuple):
        return type(value)(_plain(v, depth + 1) for v in value)
    if depth < 10 and type(value) is dict:
        return {_plain(k, depth + 1): _plain(v, depth + 1) for k, v in value.items()}
    return f"<a {type(value).__name__} object>"


def decorate_and_call(module, name, doc, calls):
    """Decorate a function named `name` (docstring `doc`) with log_calls(logger), then make
    each call: `calls` holds [args, kwargs, ["return", value] or ["raise", message]]."""
    logger = logging.getLogger(f"grader.probe.{next(_serial)}")
    logger.handlers.clear()
    logger.setLevel(logging.DEBUG)
    logger.propagate = False
    mine, elsewhere = _Collect(), _Collect()
    logger.addHandler(mine)
    root = logging.getLogger()
    root_level = root.level
    root.addHandler(elsewhere)
    root.setLevel(logging.DEBUG)
    try:
        return _run(module, logger, mine, elsewhere, name, doc, calls)
    finally:
        root.removeHandler(elsewhere)
        root.setLevel(root_level)
        logger.removeHandler(mine)


def _run(module, logger, mine, elsewhere, name, doc, calls):
    state = {"received": [], "start": 0, "outcome": None}

    def target(*args, **kwargs):
        state["received"].append({"args": _plain(args), "kwargs": _plain(kwargs),
                                  "records_before": len(mine.records) - state["start"]})
        kind, payload = state["outcome"]
        if kind == "raise":
            raise payload
        return payload

    target.__name__ = name
    target.__doc__ = doc

    decorate = module.log_calls(logger)
    wrapped = decorate(target)
    report = {
        "at_decoration": [r["message"] for r in mine.records + elsewhere.records],
        "metadata": {
            "is_target": wrapped is target,
            "callable": callable(wrapped),
            "name": _plain(getattr(wrapped, "__name__", None)),
            "doc": _plain(getattr(wrapped, "__doc__", None)),
            "has_wrapped": hasattr(wrapped, "__wrapped__"),
            "wrapped_is_target": getattr(wrapped, "__wrapped__", None) is target,
        },
        "calls": [],
    }
    if not callable(wrapped):
        return report
    for args, kwargs, (kind, payload) in calls:
        if kind == "raise":
            payload = ProbeError(payload)
        state["outcome"] = (kind, payload)
        state["start"] = len(mine.records)
        start_elsewhere = len(elsewhere.records)
        start_received = len(state["received"])
        seen = {}
        try:
            result = wrapped(*args, **kwargs)
        except Exception as exc:  # noqa: BLE001 - reported, judged by the check
            seen["raised"] = {"type": type(exc).__name__, "message": str(exc),
                              "same": exc is payload}
        else:
            seen["returned"] = _plain(result)
            seen["same"] = result is payload
        seen["received"] = state["received"][start_received:]
        seen["records"] = mine.records[state["start"]:]
        seen["elsewhere"] = elsewhere.records[start_elsewhere:]
        report["calls"].append(seen)
    return report
