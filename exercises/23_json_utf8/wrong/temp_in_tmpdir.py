import json
import os
import tempfile


def save_json(path, obj):
    fd, tmp = tempfile.mkstemp(suffix=".json")  # in /tmp, not beside path
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=4)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)
