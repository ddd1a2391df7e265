import json
import os
import shutil
import tempfile


def save_json(path, obj):
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)), suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(obj, f, ensure_ascii=False, indent=4)
    except BaseException:
        os.unlink(tmp)
        raise
    shutil.copyfile(tmp, path)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)
