# Style: pathlib, and json.dumps first: a failing object raises before the disk is touched,
# so there is no temporary file to clean up.
# 风格：用 pathlib，并且先 json.dumps：无法序列化时在碰磁盘之前就抛出，不用清理临时文件。
import json
from pathlib import Path
from typing import Any


def save_json(path: str, obj: Any) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=4)
    target = Path(path)
    temporary = target.with_name(f".{target.name}.partial")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)


def load_json(path: str) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))
