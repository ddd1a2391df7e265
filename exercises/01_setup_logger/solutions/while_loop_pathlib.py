# Style: a while loop pops the old handlers off the list one by one; the log file is a
# pathlib.Path and the format string is written inline.
# 风格：用 while 循环把旧 handler 逐个 pop 出来；日志文件用 pathlib.Path，格式字符串直接写在调用里。
import logging
import sys
from pathlib import Path


def setup_logger(name, log_file=None, level=logging.INFO):
    logger = logging.getLogger(name)
    while logger.handlers:
        handler = logger.handlers.pop()
        handler.close()
    logger.setLevel(level)
    logger.propagate = False

    formatter = logging.Formatter("%(asctime)s | %(name)s | %(levelname)s | %(message)s")
    console = logging.StreamHandler(sys.stderr)
    console.setFormatter(formatter)
    logger.addHandler(console)
    if log_file is not None:
        file_handler = logging.FileHandler(Path(log_file), "a", "utf-8")
        file_handler.setFormatter(formatter)
        logger.addHandler(file_handler)
    return logger
