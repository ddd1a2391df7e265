"""Exercise 01: a logger for training runs.

`setup_logger(name, log_file=None, level=logging.INFO)` returns `logging.getLogger(name)`
configured so that every message is printed once to the console (sys.stderr) and, when
`log_file` is given, appended to that file in UTF-8. Calling it again for the same name
reconfigures the logger instead of stacking more handlers on it.
"""

import logging
import sys  # noqa: F401 - you will want sys.stderr

LOG_FORMAT = "%(asctime)s | %(name)s | %(levelname)s | %(message)s"


def setup_logger(name: str, log_file: str | None = None,
                 level: int = logging.INFO) -> logging.Logger:
    # TODO:
    #   1. get the logger by name, set its level, stop it from propagating to the root logger;
    #   2. remove and close the handlers an earlier call attached;
    #   3. add one console StreamHandler and, if log_file is given, one FileHandler
    #      (append, UTF-8), both with a Formatter built from LOG_FORMAT.
    raise NotImplementedError(
        "setup_logger is not written yet: start with logging.getLogger(name) and "
        "logger.setLevel(level)")
