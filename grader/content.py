"""Where the shipped content lives: beside the source tree, or bundled inside an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE_DIR = Path(__file__).resolve().parent


def _content_dir(name: str) -> Path:
    bundled = _PACKAGE_DIR / "_bundled" / name
    if bundled.is_dir():
        return bundled
    return _PACKAGE_DIR.parent / name


def exercises_root() -> Path:
    return _content_dir("exercises")


def data_root() -> Path:
    return _content_dir("data")
