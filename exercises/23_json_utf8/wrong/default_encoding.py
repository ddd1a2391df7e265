import json
import os


def save_json(path, obj):
    text = json.dumps(obj, ensure_ascii=False, indent=4)
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        f.write(text)
    os.replace(tmp, path)


def load_json(path):
    with open(path) as f:
        return json.load(f)
