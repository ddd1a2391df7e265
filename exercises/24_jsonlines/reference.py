import json
import os
from collections.abc import Iterable


def _ends_without_newline(path: str) -> bool:
    """True when the file exists, is not empty, and its last byte is not a newline."""
    try:
        with open(path, "rb") as f:
            f.seek(0, os.SEEK_END)
            if f.tell() == 0:
                return False
            f.seek(-1, os.SEEK_END)
            return f.read(1) != b"\n"
    except FileNotFoundError:
        return False


def append_records(path: str, records: Iterable[dict]) -> int:
    count = 0
    newline_first = _ends_without_newline(path)
    with open(path, "a", encoding="utf-8") as f:
        if newline_first:
            f.write("\n")
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def read_records(path: str, skip_invalid: bool = False) -> list[dict]:
    records = []
    with open(path, encoding="utf-8") as f:
        for number, line in enumerate(f, start=1):
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as exc:
                if skip_invalid:
                    continue
                raise ValueError(f"{path}, line {number}: {exc}") from exc
    return records
