"""``python -m tui``: the same as ``grader tui`` (the app on this folder's workspace)."""

from __future__ import annotations

import sys

from grader.cli import main

if __name__ == "__main__":
    sys.exit(main(["tui", *sys.argv[1:]]))
