import json
import os


def save_json(path, obj):
    if os.path.exists(path):
        os.remove(path)
    text = json.dumps(obj, ensure_ascii=False, indent=4)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)
