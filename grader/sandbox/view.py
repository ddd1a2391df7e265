"""What student code sees in the strict sandbox: an allowlist, worked out once per process.

Read-only: the interpreter and the system libraries it loads, its standard library, and the
environment's third-party packages, with grader's own folders covered (a wheel's
``grader/_bundled/exercises`` holds every reference). Never a source checkout on ``sys.path``
(an editable install's ``/…/grader`` tree), the caller's home, the workspace or /tmp.
"""

from __future__ import annotations

import functools
import os
import stat
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

# The system the interpreter stands on: its binary, shared libraries, the loader's cache.
SYSTEM_PATHS = ("/usr", "/lib", "/lib64", "/lib32", "/libx32", "/bin", "/sbin")
SYSTEM_FILES = ("/etc/ld.so.cache", "/etc/localtime", "/etc/hosts", "/etc/nsswitch.conf")
GRADER_NAMES = ("grader",)  # always covered; the rest of grader's folders come from RECORD


@dataclass(frozen=True)
class View:
    readonly: tuple[str, ...]  # bound read-only at the same path (symlinks recreated)
    hidden: tuple[str, ...]  # folders inside those, covered by an empty one

    def to_wire(self, root_at: str, data: tuple[str, ...] = ()) -> dict:
        """The view as a worker's spawn request carries it; ``root_at``: an empty folder
        the worker may mount its new root on; ``data``: an exercise's shipped data."""
        return {"root_at": root_at, "readonly": [*self.readonly, *data],
                "hidden": list(self.hidden)}


@functools.cache
def python_view() -> View:
    """The allowlist for this interpreter (cached: it does not change while we run)."""
    import grader

    grader_package = Path(grader.__file__).resolve().parent
    candidates: list[str] = [p for p in (*SYSTEM_PATHS, *SYSTEM_FILES) if os.path.lexists(p)]
    paths = sysconfig.get_paths()
    for key in ("stdlib", "platstdlib", "purelib", "platlib"):
        candidates.append(paths[key])
    libdir = sysconfig.get_config_var("LIBDIR")
    if libdir and sysconfig.get_config_var("Py_ENABLE_SHARED"):
        candidates.append(libdir)
    prefixes = {Path(p).resolve() for p in (sys.prefix, sys.base_prefix, sys.exec_prefix,
                                              sys.base_exec_prefix)}
    scripts = {Path(paths["scripts"]).resolve(), Path(sys.argv[0] or ".").resolve().parent}
    for entry in sys.path:
        resolved = Path(entry or ".").resolve()
        if resolved in scripts:
            continue  # a console script's folder (venv/bin), not a library
        if resolved.is_dir() and any(_inside(resolved, prefix) for prefix in prefixes):
            candidates.append(str(resolved))
    candidates += _chain(sys.executable)
    venv_cfg = Path(sys.prefix) / "pyvenv.cfg"
    if venv_cfg.is_file():
        candidates.append(str(venv_cfg))
    return allowlist(candidates, grader_package)


def allowlist(candidates: list[str], grader_package: Path) -> View:
    """The view from the paths Python uses (``candidates``), given where the ``grader``
    package was imported from: a folder that holds grader's source is left out (a checkout)
    or shown with grader covered (an installed wheel, a system folder)."""
    source_root = grader_package.parent
    installed = _is_site_dir(str(source_root))  # a wheel, not a source checkout
    readonly: set[str] = set()
    hidden: set[str] = set()
    for candidate in candidates:
        path = candidate if os.path.islink(candidate) else os.path.realpath(candidate)
        if not os.path.lexists(path) or path == "/":
            continue
        if _inside(source_root, Path(path)):
            # It holds grader's source: an installed grader is covered; a checkout's tree
            # (tests, workspaces, solutions) is left out, or covered inside a system folder.
            if installed:
                hidden.add(str(grader_package))
            elif path in SYSTEM_PATHS:
                hidden.add(str(source_root))
            else:
                continue
        readonly.add(path)
    kept = sorted(p for p in readonly
                  if not any(o != p and not os.path.islink(o) and _inside(Path(p), Path(o))
                             for o in readonly))
    hidden |= _grader_folders(sorted(readonly))
    return View(tuple(kept), tuple(sorted(hidden)))


def unreadable(paths: tuple[str, ...] | list[str], uid: int, gid: int) -> str | None:
    """The first path the given user could not read or enter (as bound into the sandbox,
    only the path itself counts, not its parents), or None."""
    for path in paths:
        try:
            info = os.stat(path)
        except OSError:
            continue
        need = stat.S_IROTH | (stat.S_IXOTH if stat.S_ISDIR(info.st_mode) else 0)
        if info.st_uid == uid:
            need <<= 6
        elif info.st_gid == gid:
            need <<= 3
        if info.st_mode & need != need:
            return path
    return None


def _grader_folders(readonly: list[str]) -> set[str]:
    """grader's installed folders in every site-packages shown (an editable install leaves
    ``grader/_bundled`` there too)."""
    found = set()
    for folder in readonly:
        if _is_site_dir(folder) and os.path.isdir(folder):
            for name in _grader_top_level(folder):
                if os.path.isdir(os.path.join(folder, name)):
                    found.add(os.path.join(folder, name))
    return found


def _grader_top_level(site_dir: str) -> set[str]:
    """grader's top-level folders in a site-packages, from its RECORD (importlib.metadata
    would cost a tenth of a second to import)."""
    names = set(GRADER_NAMES)
    for entry in os.listdir(site_dir):
        if entry.startswith("grader-") and entry.endswith(".dist-info"):
            names.add(entry)
            try:
                record = Path(site_dir, entry, "RECORD").read_text(encoding="utf-8")
            except OSError:
                continue
            for line in record.splitlines():
                parts = line.split(",", 1)[0].split("/")
                if len(parts) > 1 and parts[0] != "..":
                    names.add(parts[0])
    return names


def _chain(executable: str) -> list[str]:
    """Every hop of a symlinked interpreter (venv/bin/python -> python3.11 -> /usr/bin/…)."""
    hops, path = [], executable
    for _ in range(10):
        hops.append(path)
        if not os.path.islink(path):
            break
        path = os.path.join(os.path.dirname(path), os.readlink(path))
    return hops


def _is_site_dir(path: str) -> bool:
    return os.path.basename(path) in ("site-packages", "dist-packages")


def _inside(path: Path, folder: Path) -> bool:
    return path == folder or folder in path.parents
