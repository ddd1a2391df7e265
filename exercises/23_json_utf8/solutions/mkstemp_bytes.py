# Style: json.dumps first, encoded to bytes (str.encode's default is UTF-8) and written in
# binary mode to a mkstemp file; load_json hands json.loads the raw bytes.
# 风格：先 json.dumps，再编码成字节（str.encode 默认就是 UTF-8），以二进制模式写入 mkstemp
# 文件；load_json 把原始字节直接交给 json.loads。
import json
import os
import tempfile


def save_json(path, obj):
    data = json.dumps(obj, ensure_ascii=False, indent=4).encode()
    fd, tmp = tempfile.mkstemp(dir=os.path.dirname(path) or ".")
    with os.fdopen(fd, "wb") as f:
        f.write(data)
    os.replace(tmp, path)


def load_json(path):
    with open(path, "rb") as f:
        return json.loads(f.read())
