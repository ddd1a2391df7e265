import json
import os


def save_json(path, obj):
    try:
        text = json.dumps(obj, ensure_ascii=False, indent=4)
    except TypeError as exc:
        raise ValueError(f"cannot save {path}: {exc}") from exc
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)
