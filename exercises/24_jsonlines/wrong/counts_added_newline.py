import json
import os


def append_records(path, records):
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in records]
    if os.path.exists(path) and os.path.getsize(path) > 0:
        with open(path, "rb") as f:
            f.seek(-1, os.SEEK_END)
            if f.read(1) != b"\n":
                lines.insert(0, "\n")
    with open(path, "a", encoding="utf-8") as f:
        f.writelines(lines)
    return len(lines)  # the newline that ends the old last line is counted as a record


def read_records(path, skip_invalid=False):
    records = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if not line.strip():
                continue
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError:
                if not skip_invalid:
                    raise
    return records
