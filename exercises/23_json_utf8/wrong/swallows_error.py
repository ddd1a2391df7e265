import json
import os
import tempfile


def save_json(path, obj):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)))
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=4)
        os.replace(tmp, path)
    except TypeError as exc:
        os.unlink(tmp)
        print(f"could not save {path}: {exc}")


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)
