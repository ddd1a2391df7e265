# Style: the records turned into lines first (one pass over the iterable), written with
# writelines; reading through a generator of (number, record) pairs.
# 风格：先把记录一次性转成行（只遍历一次），用 writelines 写入；读取时用生成器逐个产出。
import json
import os
from collections.abc import Iterable, Iterator


def append_records(path: str, records: Iterable[dict]) -> int:
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in records]
    count = len(lines)
    if os.path.exists(path) and os.path.getsize(path) > 0:
        with open(path, "rb") as f:
            f.seek(-1, 2)
            if f.read() != b"\n":
                lines.insert(0, "\n")
    with open(path, mode="a", encoding="utf-8") as f:
        f.writelines(lines)
    return count


def _parsed(path: str, skip_invalid: bool) -> Iterator[dict]:
    with open(path, encoding="utf-8") as f:
        for text in f:
            text = text.rstrip("\n")
            if not text.strip():
                continue
            try:
                yield json.loads(text)
            except json.JSONDecodeError:
                if not skip_invalid:
                    raise


def read_records(path: str, skip_invalid: bool = False) -> list[dict]:
    return list(_parsed(path, skip_invalid))
