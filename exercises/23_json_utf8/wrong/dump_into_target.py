import json


def save_json(path, obj):
    with open(path, "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=4)


def load_json(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)
