# Style: pathlib, and json.dumps first: nothing touches the disk until the text is complete.
# 风格：用 pathlib，并且先 json.dumps：文本完整之前不碰磁盘。
import json
from pathlib import Path
from typing import Any


def save_json(path: str, obj: Any) -> None:
    text = json.dumps(obj, ensure_ascii=False, indent=4)
    target = Path(path)
    temporary = target.with_name(f".{target.name}.partial")
    try:
        temporary.write_text(text, encoding="utf-8")
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def load_json(path: str) -> Any:
    return json.loads(Path(path).read_text(encoding="utf-8"))
