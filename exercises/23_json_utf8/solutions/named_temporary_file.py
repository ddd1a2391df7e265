# Style: tempfile.NamedTemporaryFile(delete=False) in the target's folder, then os.replace.
# 风格：在目标文件夹里用 tempfile.NamedTemporaryFile(delete=False)，再 os.replace。
import json
import os
import tempfile


def save_json(path, obj):
    folder = os.path.dirname(os.path.abspath(path))
    with tempfile.NamedTemporaryFile("w", encoding="utf-8", dir=folder, suffix=".tmp",
                                     delete=False) as f:
        tmp_name = f.name
        try:
            json.dump(obj, f, ensure_ascii=False, indent=4)
            f.write("\n")
        except Exception:
            f.close()
            os.remove(tmp_name)
            raise
    os.replace(tmp_name, path)


def load_json(path):
    with open(path, "r", encoding="utf8") as f:  # noqa: UP015
        return json.load(f)
