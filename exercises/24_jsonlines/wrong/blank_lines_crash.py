import json
import os


def append_records(path, records):
    newline_first = False
    if os.path.exists(path) and os.path.getsize(path) > 0:
        with open(path, "rb") as f:
            newline_first = not f.read().endswith(b"\n")
    count = 0
    with open(path, "a", encoding="utf-8") as f:
        if newline_first:
            f.write("\n")
        for record in records:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
            count += 1
    return count


def read_records(path, skip_invalid=False):
    records = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                if not skip_invalid:
                    raise
    return records
