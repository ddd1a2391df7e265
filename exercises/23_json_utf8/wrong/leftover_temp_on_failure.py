import json
import os
import tempfile


def save_json(path, obj):
    folder = os.path.dirname(os.path.abspath(path))
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".tmp",
                                     delete=False) as f:
        json.dump(obj, f, ensure_ascii=False, indent=4)
    os.replace(f.name, path)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)
