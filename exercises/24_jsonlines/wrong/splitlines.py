import json
import os


def append_records(path, records):
    newline_first = os.path.exists(path) and os.path.getsize(path) > 0
    if newline_first:
        with open(path, "rb") as f:
            f.seek(-1, os.SEEK_END)
            newline_first = f.read(1) != b"\n"
    count = 0
    with open(path, "a", encoding="utf-8") as f:
        if newline_first:
            f.write("\n")
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def read_records(path, skip_invalid=False):
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()  # also splits at U+2028, U+0085, ... inside a string
    records = []
    for line in lines:
        if not line.strip():
            continue
        try:
            records.append(json.loads(line))
        except ValueError:
            if not skip_invalid:
                raise
    return records
