"""How a typed answer is compared: lenient about spelling that does not change the meaning.

``(3, 4)``, ``3,4`` and ``torch.Size([3, 4])`` are one shape; ``5`` and ``5.0`` one number;
``KeyError`` and ``raises KeyError`` one exception; whitespace never matters.
"""

from __future__ import annotations

import math
import re

_EXCEPTION = re.compile(r"(?:raises\s+|抛出\s*)?([A-Za-z_]\w*(?:error|exception|warning))",
                        re.IGNORECASE)
_SHAPE = re.compile(r"(?:torch\.)?(?:size)?\(?\[?((?:\d+,)*\d*),?\]?\)?")
_TRUE = {"true", "t", "yes", "y", "对", "是", "正确"}
_FALSE = {"false", "f", "no", "n", "错", "否", "错误"}


def raised(name: str) -> str:
    """The canonical text of an outcome that raised: what choices and answers store."""
    return f"raises {name}"


def normalize(text: str) -> str:
    """A key under which every way of writing the same answer is equal."""
    stripped = text.strip()
    match = _EXCEPTION.fullmatch(stripped)
    if match:
        return "exc:" + match.group(1).lower()
    low = stripped.lower()
    if low in _TRUE:
        return "bool:true"
    if low in _FALSE:
        return "bool:false"
    try:
        number = float(stripped)
    except ValueError:
        number = None
    if number is not None and math.isfinite(number):
        return f"num:{round(number, 6)!r}"
    compact = re.sub(r"\s+", "", stripped)
    if _SHAPE.fullmatch(compact.lower()):
        return "shape:" + ",".join(re.findall(r"\d+", compact))
    return "text:" + compact


def same_answer(response: str, answer: str) -> bool:
    return normalize(response) == normalize(answer)
