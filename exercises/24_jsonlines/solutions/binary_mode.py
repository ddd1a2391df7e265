# Style: binary mode throughout: "ab+" to look at the last byte and append encoded lines
# (json.dumps' default \u escapes), "rb" to read; json.loads takes UTF-8 bytes.
# 风格：全程二进制模式："ab+" 查看最后一个字节并追加编码后的行（json.dumps 默认的
# \u 转义），"rb" 读取；json.loads 直接接受 UTF-8 字节。
import json
import os


def append_records(path, records):
    with open(path, "ab+") as f:
        f.seek(0, os.SEEK_END)
        if f.tell() > 0:
            f.seek(-1, os.SEEK_END)
            if f.read(1) != b"\n":
                f.write(b"\n")
        n = 0
        for record in records:
            f.write(json.dumps(record).encode("utf-8") + b"\n")
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
            except json.JSONDecodeError:
                if skip_invalid:
                    continue
                raise ValueError(f"malformed JSON line in {path}: {raw[:40]!r}") from None
    return out
