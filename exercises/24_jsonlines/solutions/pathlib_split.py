# Style: pathlib; the whole file read with read_text and split on "\n"; ValueError caught.
# 风格：用 pathlib；read_text 读整个文件再按 "\n" 切分；捕获 ValueError。
import json
from pathlib import Path


def append_records(path, records):
    file = Path(path)
    needs_newline = (file.exists() and file.stat().st_size > 0
                     and not file.read_bytes().endswith(b"\n"))
    written = 0
    with file.open("a", encoding="utf-8") as f:
        if needs_newline:
            f.write("\n")
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False))
            f.write("\n")
            written += 1
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
