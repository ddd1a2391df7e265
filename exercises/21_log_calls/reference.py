import functools
import logging
from collections.abc import Callable


def log_calls(logger: logging.Logger) -> Callable:
    def decorate(func: Callable) -> Callable:
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            logger.info("call %s(args=%r, kwargs=%r)", func.__name__, args, kwargs)
            return func(*args, **kwargs)

        return wrapper

    return decorate
