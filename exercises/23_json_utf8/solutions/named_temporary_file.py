# Style: tempfile.NamedTemporaryFile(delete=False) in the target's folder, then os.replace.
# 风格：在目标文件夹里用 tempfile.NamedTemporaryFile(delete=False)，再 os.replace。
import json
import os
import tempfile


def save_json(path, obj):
    folder = os.path.dirname(os.path.abspath(path))
    tmp = tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, delete=False)
    try:
        with tmp:
            json.dump(obj, tmp, ensure_ascii=False, indent=4)
        os.replace(tmp.name, path)
    except BaseException:
        os.remove(tmp.name)
        raise


def load_json(path):
    with open(path, "r", encoding="utf8") as f:  # noqa: UP015
        return json.load(f)
