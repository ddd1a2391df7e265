"""What an exercise's ``probes.py`` may import: small helpers that run inside the worker.

Probes run in untrusted territory next to the student's module, so this imports only the
standard library. Import it as ``from grader.sandbox.probekit import error_text``.
"""

from __future__ import annotations

import traceback
from types import ModuleType

ERROR_TEXT_LIMIT = 500


def error_text(module: ModuleType, exc: BaseException) -> str:
    """``Type: message (your line N: code)``: the student's exception, pointing at the last
    line of *their* file in the traceback, cut to a length a verdict can show."""
    where = getattr(module, "__file__", None) or ""
    line = None
    for frame in traceback.extract_tb(exc.__traceback__):
        if frame.filename == where:
            line = (frame.lineno, (frame.line or "").strip())
    text = f"{type(exc).__name__}: {exc}"
    if line is not None:
        text += f" (your line {line[0]}: {line[1]})"
    if len(text) <= ERROR_TEXT_LIMIT:
        return text
    return text[: ERROR_TEXT_LIMIT - 1] + "…"
