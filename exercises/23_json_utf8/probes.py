"""Runs in the worker (cwd is the submission's own temp dir): set up files, call save_json or
load_json, and report the bytes and the directory listing afterwards.

Everything a probe call leaves behind is removed by the next one. `ascii_default` runs the
learner's function while the platform's default text encoding is ASCII: open() (also io.open,
so os.fdopen, tempfile and pathlib) without encoding= uses ASCII, as GBK would be used on a
Chinese Windows, and the C locale is set for code that asks the locale directly.
"""

import builtins
import contextlib
import io
import locale
import os
import shutil

PLAIN = (bool, int, float, str, bytes)
UNSERIALISABLE = "<an object() json cannot serialise>"  # replaced by object() in the worker
BASELINE = set(os.listdir("."))  # the submission and the worker's own files


KEEP_FOLDERS = {"out"}  # the folder some paths are in stays between calls


def _reset(keep_file=None):
    """Remove what earlier calls left (deleting is slow on some disks: keep what we can)."""
    for top, folders, files in os.walk(".", topdown=True):
        for name in files:
            rel = os.path.relpath(os.path.join(top, name), ".")
            if rel.split(os.sep)[0] not in BASELINE and rel != keep_file:
                os.remove(rel)
        for name in list(folders):
            rel = os.path.relpath(os.path.join(top, name), ".")
            if top == "." and (name in BASELINE or name in KEEP_FOLDERS):
                continue
            shutil.rmtree(rel, ignore_errors=True)
            folders.remove(name)


def _listing():
    """Every file and folder in the work dir that was not there at the start."""
    found = set()
    for top, folders, files in os.walk("."):
        for name in folders + files:
            rel = os.path.relpath(os.path.join(top, name), ".")
            if rel.split(os.sep)[0] not in BASELINE:
                found.add(rel.replace(os.sep, "/") + ("/" if name in folders else ""))
    return found


def _plain(value, depth=0):
    if value is None or type(value) in PLAIN:
        return value
    if depth < 20 and type(value) in (list, tuple):
        return type(value)(_plain(v, depth + 1) for v in value)
    if depth < 20 and type(value) is dict:
        return {_plain(k, depth + 1): _plain(v, depth + 1) for k, v in value.items()}
    return f"<a {type(value).__name__} object>"


def _swap_sentinel(value):
    if value == UNSERIALISABLE:
        return object()
    if type(value) is list:
        return [_swap_sentinel(v) for v in value]
    if type(value) is dict:
        return {k: _swap_sentinel(v) for k, v in value.items()}
    return value


@contextlib.contextmanager
def _ascii_default():
    real_open = io.open

    def open_(file, mode="r", buffering=-1, encoding=None, *args, **kwargs):
        if "b" not in mode and encoding in (None, "locale"):
            encoding = "ascii"
        return real_open(file, mode, buffering, encoding, *args, **kwargs)

    saved = builtins.open, io.open
    previous = locale.setlocale(locale.LC_CTYPE)
    builtins.open = io.open = open_
    try:
        locale.setlocale(locale.LC_CTYPE, "C")
        yield
    finally:
        builtins.open, io.open = saved
        locale.setlocale(locale.LC_CTYPE, previous)


@contextlib.contextmanager
def _watch_moves(moves):
    """Record (source, destination) of every os.replace / os.rename (Path.replace, shutil.move
    and tempfile use them too)."""
    saved = os.replace, os.rename

    def watched(real):
        def move(src, dst, *args, **kwargs):
            moves.append((os.fsdecode(src), os.fsdecode(dst)))
            return real(src, dst, *args, **kwargs)
        return move

    os.replace, os.rename = watched(saved[0]), watched(saved[1])
    try:
        yield
    finally:
        os.replace, os.rename = saved


def _call(func, args, ascii_default, moves=None):
    seen = {"raised": None}
    try:
        with (_ascii_default() if ascii_default else contextlib.nullcontext(),
              _watch_moves([] if moves is None else moves)):
            seen["result"] = _plain(func(*args))
    except Exception as exc:  # noqa: BLE001 - reported, judged by the check
        seen["raised"] = {"type": type(exc).__name__,
                          "lineage": [c.__name__ for c in type(exc).__mro__],
                          "message": str(exc)[:300]}
    return seen


def _prepare(path, old):
    _reset(keep_file=None if old is None else os.path.normpath(path))
    folder = os.path.dirname(path)
    if folder:
        os.makedirs(folder, exist_ok=True)
    if old is not None:
        with open(path, "wb") as f:
            f.write(old)


def _bytes(path):
    if not os.path.isfile(path):
        return None
    with open(path, "rb") as f:
        return f.read()


def save(module, path, obj, old=None, ascii_default=False):
    """save_json(path, obj) with `old` (bytes) at path first, or no file there (None)."""
    _prepare(path, old)
    before = _listing()
    moves = []
    seen = _call(module.save_json, (path, _swap_sentinel(obj)), ascii_default, moves)
    seen["bytes"] = _bytes(path)
    seen["leftovers"] = sorted(_listing() - before - {path})
    target = os.path.realpath(path)
    seen["moved_from"] = [src for src, dst in moves if os.path.realpath(dst) == target
                          and os.path.dirname(os.path.realpath(src)) != os.path.dirname(target)]
    return seen


def load(module, path, data, ascii_default=False):
    """load_json(path) on a file holding the bytes `data`."""
    _prepare(path, data)
    return _call(module.load_json, (path,), ascii_default)
