# Style: json.dumps then encode to UTF-8 bytes, written in binary mode to a mkstemp file that
# is fsynced before the swap; read back as bytes and decoded.
# 风格：json.dumps 后编码成 UTF-8 字节，以二进制模式写入 mkstemp 文件，交换前 fsync；
# 读取时按字节读再解码。
import json
import os
import tempfile


def save_json(path, obj):
    data = json.dumps(obj, ensure_ascii=False, indent=4).encode("utf-8")
    fd, tmp = tempfile.mkstemp(prefix=".save-", dir=os.path.dirname(path) or ".")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise


def load_json(path):
    with open(path, "rb") as f:
        return json.loads(f.read().decode("utf-8"))
