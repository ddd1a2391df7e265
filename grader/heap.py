"""Big imports (torch) with the garbage collector paused, and what they loaded frozen after.

Importing torch makes a few hundred thousand long-lived objects. With the collector running,
each full collection during the import walks all of them (~0.1 s of a ~1 s import here), and
so does every full collection afterwards, for as long as the process lives: hypothesis runs
one (``gc.collect()``) before a thread's first test, and a grade's allocations trigger more.
Frozen objects are skipped by every collection; they are modules and their contents, which
live as long as the process anyway. In the zygote, frozen objects are also not touched by a
worker's collections, so fewer of the pages it shares with the zygote are copied.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def frozen_imports() -> Iterator[None]:
    """Run the block (imports) with the collector paused, then freeze everything alive."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.freeze()
