"""Runs in the worker (cwd is the submission's own temp dir): set up and inspect files."""

import locale
import os


def write_file(module, name, data):
    """Create `name` holding the bytes `data`, or make sure it does not exist (data None)."""
    if data is None:
        if os.path.exists(name):
            os.remove(name)
    else:
        with open(name, "wb") as f:
            f.write(data)
    return True


def file_bytes(module, name):
    """The bytes of `name`, or None when it does not exist."""
    if not os.path.exists(name):
        return None
    with open(name, "rb") as f:
        return f.read()


def under_ascii_default(module, func, *args):
    """Call module.func(*args) while the platform's default text encoding is ASCII.

    A C locale makes open() without encoding= use ASCII, as GBK would on a Chinese Windows:
    code that relies on the default encoding breaks on non-ASCII text.
    """
    previous = locale.setlocale(locale.LC_CTYPE)
    locale.setlocale(locale.LC_CTYPE, "C")
    try:
        result = getattr(module, func)(*args)
    except UnicodeError as exc:
        return {"unicode_error": f"{type(exc).__name__}: {exc}"}
    finally:
        locale.setlocale(locale.LC_CTYPE, previous)
    return {"result": result}
