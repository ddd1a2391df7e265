# Style: close every old handler, then empty the list with handlers.clear(); names imported
# with `from logging import ...`; keyword arguments spelled out.
# 风格：先关闭所有旧 handler 再 handlers.clear()；用 from logging import 导入名字。
import sys
from logging import INFO, FileHandler, Formatter, Logger, StreamHandler, getLogger

LOG_FORMAT = "%(asctime)s | %(name)s | %(levelname)s | %(message)s"


def setup_logger(name: str, log_file: str | None = None, level: int = INFO) -> Logger:
    logger = getLogger(name)
    for handler in logger.handlers:
        handler.close()
    logger.handlers.clear()

    logger.setLevel(level)
    logger.propagate = False

    console = StreamHandler(sys.stderr)
    console.setFormatter(Formatter(LOG_FORMAT))
    logger.addHandler(console)

    if log_file is not None:
        to_file = FileHandler(filename=log_file, encoding="utf-8")
        to_file.setFormatter(Formatter(fmt=LOG_FORMAT))
        logger.addHandler(to_file)
    return logger
