"""Runs in the worker: lay out an image tree in the work dir, then run the learner's code."""

import locale
import os

import torch

from grader.sandbox.probekit import error_text

_SPARE = "spare_dirs"  # emptied folders wait here to be reused (rmdir is slow on ext4)
_made = [0]


def _new_dir(path):
    """mkdir, recycling an emptied folder when one is spare."""
    if os.path.isdir(_SPARE):
        spares = os.listdir(_SPARE)
        if spares:
            os.rename(os.path.join(_SPARE, spares[0]), path)
            return
    os.mkdir(path)


def _clear(path):
    """Empty `path` and put it (and its sub-folders) aside for reuse."""
    for entry in os.scandir(path):
        if entry.is_dir(follow_symlinks=False):
            _clear(entry.path)
        else:
            os.unlink(entry.path)
    os.makedirs(_SPARE, exist_ok=True)
    _made[0] += 1
    os.rename(path, os.path.join(_SPARE, f"d{_made[0]}"))


def _remove_strays():
    for name in os.listdir("."):
        if name.endswith("map.txt") and os.path.isfile(name):
            os.unlink(name)


def _lay_out(entries, style):
    """Create the tree in a fresh folder; return (folder, root spelled as `style` asks)."""
    _made[0] += 1
    base = f"images_{_made[0]}"
    _new_dir(base)
    for entry in entries:
        parts = entry["path"] if entry["kind"] != "dir" else [*entry["path"], None]
        for depth in range(1, len(parts)):
            folder = os.path.join(base, *parts[:depth])
            if not os.path.isdir(folder):
                _new_dir(folder)
        if entry["kind"] == "dir":
            continue
        path = os.path.join(base, *entry["path"])
        if entry["kind"] == "tensor":
            torch.save(entry["value"], path)
        else:
            with open(path, "wb") as out:
                out.write(entry["value"])
    root = {"plain": base, "slash": base + "/", "dot": "./" + base,
            "absolute": os.path.abspath(base),
            "absolute_slash": os.path.abspath(base) + "/"}[style]
    return base, root


def _read(path):
    try:
        with open(path, "rb") as data:
            return data.read()
    except OSError:
        return None


def write_map_run(module, entries, style, calls=1):
    base, root = _lay_out(entries, style)
    try:
        results = [module.write_map(root) for _ in range(calls)]
        result = results[-1]
        target = os.path.join(base, "map.txt")
        same = False
        if isinstance(result, (str, os.PathLike)):
            try:
                same = os.path.samefile(result, target)
            except OSError:
                same = False
        return {"root": root, "returned": result if isinstance(result, str) else None,
                "returned_type": type(result).__name__, "same_file": same,
                "bytes": _read(target),
                "stray": sorted(name for name in os.listdir(".")
                                if name.endswith("map.txt") and os.path.isfile(name))}
    finally:
        _clear(base)
        _remove_strays()


def dataset_run(module, entries, style, map_bytes, transform=None, positional=False):
    """Write map.txt as given, build the dataset, read every item."""
    base, root = _lay_out(entries, style)
    try:
        with open(os.path.join(base, "map.txt"), "wb") as out:
            out.write(map_bytes)
        kwargs, args = {}, []
        seen = []
        if transform == "times_two_plus_one":
            def fn(image):
                seen.append(type(image).__name__)
                return image * 2 + 1
            if positional:
                args.append(fn)
            else:
                kwargs["transform"] = fn
        ds = module.ImageListDataset(root, *args, **kwargs)
        return {"len": len(ds), "items": [ds[i] for i in range(len(ds))],
                "transform_saw": sorted(set(seen))}
    finally:
        _clear(base)


def ascii_locale_run(module, entries, style):
    """write_map, then the dataset, on a system whose default text encoding is not UTF-8."""
    base, root = _lay_out(entries, style)
    saved = locale.setlocale(locale.LC_CTYPE)
    outcome = {}
    try:
        locale.setlocale(locale.LC_CTYPE, "C")
        stage = "write_map"
        try:
            module.write_map(root)
            outcome["bytes"] = _read(os.path.join(base, "map.txt"))
            stage = "ImageListDataset"
            ds = module.ImageListDataset(root)
            outcome["items"] = [ds[i] for i in range(len(ds))]
        except Exception as exc:  # noqa: BLE001 - the check explains what went wrong
            outcome["error"] = {"stage": stage, "type": type(exc).__name__,
                                "unicode": isinstance(exc, UnicodeError),
                                "text": error_text(module, exc)}
        return outcome
    finally:
        locale.setlocale(locale.LC_CTYPE, saved)
        _clear(base)
