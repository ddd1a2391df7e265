"""Exercise 23: save and load JSON with Chinese text, safely.

save_json(path, obj): write `obj` as JSON to `path` in UTF-8, with ensure_ascii=False (Chinese
stays readable in the file) and indent=4; a final newline is optional. If `obj` cannot be
serialised, the exception (TypeError) reaches the caller and a file already at `path` is left
exactly as it was: write a temporary file beside it, then os.replace it onto `path`.

load_json(path): read the UTF-8 JSON file at `path` and return the object.
"""

import json  # noqa: F401 - you will need it
import os  # noqa: F401 - os.replace, os.remove
import tempfile  # noqa: F401 - tempfile.mkstemp(dir=...) makes a temporary file beside `path`
from typing import Any


def save_json(path: str, obj: Any) -> None:
    # TODO: write the JSON to a temporary file in the same folder, then os.replace it onto path;
    # remove the temporary file if anything goes wrong.
    raise NotImplementedError("save_json is not written yet: write obj as UTF-8 JSON "
                              "(ensure_ascii=False, indent=4) without ever leaving a broken file")


def load_json(path: str) -> Any:
    # TODO: open the file with encoding="utf-8" and json.load it.
    raise NotImplementedError("load_json is not written yet: open the file in UTF-8 and "
                              "json.load it")
