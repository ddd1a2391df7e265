# Style: build the handlers in a list and attach them in one loop; old handlers removed from a
# copy of the list (logger.handlers[:]) and closed; StreamHandler() with its default stream.
# 风格：先把 handler 放进列表再统一挂上；旧 handler 从列表副本中移除并关闭。
import logging

LOG_FORMAT = "%(asctime)s | %(name)s | %(levelname)s | %(message)s"


def setup_logger(name, log_file=None, level=logging.INFO):
    logger = logging.getLogger(name)
    for old in logger.handlers[:]:
        old.close()
        logger.removeHandler(old)

    handlers = [logging.StreamHandler()]  # no argument: sys.stderr as it is right now
    if log_file:
        handlers.append(logging.FileHandler(log_file, encoding="utf-8"))

    formatter = logging.Formatter(LOG_FORMAT)
    for handler in handlers:
        handler.setFormatter(formatter)
        logger.addHandler(handler)

    logger.setLevel(level)
    logger.propagate = False
    return logger
