"""Runs in the worker: configure loggers with setup_logger, log through them, report what happened.

One example is ``prepare`` followed by one or more ``setup_and_log`` calls. State lives here
between those calls (same worker process); ``prepare`` wipes what the previous example left.
"""

import codecs
import io
import logging
import os
import sys

LOG_SUFFIX = ".log"

_state = {"names": set(), "console": None, "message": "", "calls": 0}


class _Capture(logging.Handler):
    """Sits on the root logger to see whether a message propagated up to it."""

    def __init__(self):
        super().__init__(logging.NOTSET)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def prepare(module, message, seed_files):
    """Start an example: forget the last example's loggers and files, seed files, new stderr."""
    for name in _state["names"]:
        _forget_logger(name)
    for entry in os.listdir("."):
        if entry.endswith(LOG_SUFFIX):
            os.remove(entry)
    for path, content in seed_files.items():
        with open(path, "wb") as seeded:
            seeded.write(content)
    _state.update(names=set(), console=io.StringIO(), message=message, calls=0)
    return True


def _forget_logger(name):
    logger = logging.Logger.manager.loggerDict.pop(name, None)
    if isinstance(logger, logging.Logger):
        for handler in list(logger.handlers):
            try:
                handler.close()
            except Exception:  # noqa: BLE001 - whatever the student attached, let it go
                pass
        logger.handlers.clear()


def _arguments(args, kwargs):
    bound = dict(zip(("name", "log_file", "level"), args, strict=False))
    bound.update(kwargs)
    return bound["name"], bound.get("log_file"), bound.get("level", logging.INFO)


def setup_and_log(module, *args, **kwargs):
    """Call setup_logger(*args, **kwargs) with a fresh sys.stderr, then log one message."""
    name, _log_file, level = _arguments(args, kwargs)
    _state["names"].add(name)
    _state["calls"] += 1
    text = _state["message"] if _state["calls"] == 1 else f"{_state['message']} #{_state['calls']}"
    console = _state["console"]

    existing = logging.Logger.manager.loggerDict.get(name)
    before = list(existing.handlers) if isinstance(existing, logging.Logger) else []
    streams_before = {id(h): getattr(h, "stream", None) for h in before}

    stderr_before = sys.stderr
    root = logging.getLogger()
    capture = _Capture()
    sys.stderr = console
    try:
        result = module.setup_logger(*args, **kwargs)
        logger = logging.getLogger(name)
        start = len(console.getvalue())
        root.addHandler(capture)
        try:
            logger.log(level, text)
        finally:
            root.removeHandler(capture)
        for handler in logger.handlers:
            try:
                handler.flush()
            except Exception:  # noqa: BLE001
                pass
    finally:
        sys.stderr = stderr_before

    after = list(logger.handlers)
    removed = [h for h in before if not any(h is a for a in after)]
    return {
        "name": name,
        "text": text,
        "level_name": logging.getLevelName(level),
        "returned_type": type(result).__name__,
        "is_get_logger": result is logger,
        "logger_level": logger.level,
        "propagate": bool(logger.propagate),
        "reached_root": text in capture.messages,
        "handlers": [_describe(h, console, stderr_before) for h in after],
        "removed": [_describe_removed(h, streams_before.get(id(h))) for h in removed],
        "console_text": console.getvalue()[start:],
        "files": _log_files(),
    }


def _describe(handler, console, stderr_before):
    is_file = isinstance(handler, logging.FileHandler)
    is_stream = isinstance(handler, logging.StreamHandler)
    formatter = handler.formatter
    return {
        "type": type(handler).__name__,
        "is_stream": is_stream,
        "is_file": is_file,
        "stream": _which_stream(getattr(handler, "stream", None), console, stderr_before)
        if is_stream and not is_file else None,
        "level": handler.level,
        "file": os.path.relpath(handler.baseFilename) if is_file else None,
        "mode": getattr(handler, "mode", None) if is_file else None,
        "encoding": _encoding_name(getattr(handler, "encoding", None)) if is_file else None,
        "format": getattr(formatter, "_fmt", None) if formatter is not None else None,
    }


def _which_stream(stream, console, stderr_before):
    if stream is console:
        return "call-time stderr"
    if stream is stderr_before or stream is sys.__stderr__:
        return "earlier stderr"
    if stream is sys.stdout or stream is sys.__stdout__:
        return "stdout"
    return "other"


def _encoding_name(encoding):
    if not isinstance(encoding, str):
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding


def _describe_removed(handler, stream_before):
    is_file = isinstance(handler, logging.FileHandler)
    stream_closed = stream_before is None or bool(getattr(stream_before, "closed", False))
    return {
        "type": type(handler).__name__,
        "is_file": is_file,
        "file": os.path.relpath(handler.baseFilename) if is_file else None,
        "closed": bool(getattr(handler, "_closed", False)) or (is_file and stream_closed),
    }


def _log_files():
    files = {}
    for entry in sorted(os.listdir(".")):
        if entry.endswith(LOG_SUFFIX) and os.path.isfile(entry):
            with open(entry, "rb") as log:
                files[entry] = log.read()
    return files
