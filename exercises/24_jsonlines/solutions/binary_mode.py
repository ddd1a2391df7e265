# Style: binary mode throughout: "ab+" (which opens at the end) to look at the last byte and
# append encoded lines (json.dumps' default \u escapes), "rb" to read; json.loads takes bytes.
# 风格：全程二进制模式："ab+"（打开时位置就在末尾）查看最后一个字节并追加编码后的行
# （json.dumps 默认的 \u 转义），"rb" 读取；json.loads 直接接受字节。
import json
import os


def append_records(path, records):
    with open(path, "ab+") as f:
        if f.tell() > 0:
            f.seek(-1, os.SEEK_END)
            if f.read() != b"\n":
                f.write(b"\n")
        n = 0
        for record in records:
            f.write(json.dumps(record).encode() + b"\n")
            n += 1
    return n


def read_records(path, skip_invalid=False):
    out = []
    with open(path, "rb") as f:
        for raw in f:
            if not raw.strip():
                continue
            try:
                out.append(json.loads(raw))
            except json.JSONDecodeError as exc:
                if skip_invalid:
                    continue
                raise ValueError(f"malformed JSON line in {path}") from exc
    return out
