# Style: pathlib; the lines built in a list first (one pass over the records, and their count),
# the whole file read with read_text and split on "\n"; ValueError caught.
# 风格：用 pathlib；先把所有行放进列表（只遍历一次记录，列表长度就是条数），读取时
# read_text 整个文件再按 "\n" 切分；捕获 ValueError。
import json
from pathlib import Path


def append_records(path, records):
    file = Path(path)
    lines = [json.dumps(record) + "\n" for record in records]
    if file.exists() and file.stat().st_size > 0 and not file.read_bytes().endswith(b"\n"):
        lines.insert(0, "\n")
        written = len(lines) - 1
    else:
        written = len(lines)
    with file.open("a", encoding="utf-8") as f:
        f.write("".join(lines))
    return written


def read_records(path, skip_invalid=False):
    records = []
    for line in Path(path).read_text(encoding="utf-8").split("\n"):
        if line.strip() == "":
            continue
        try:
            records.append(json.loads(line))
        except ValueError:
            if not skip_invalid:
                raise
    return records
