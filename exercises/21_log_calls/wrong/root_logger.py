import functools
import logging


def log_calls(logger):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            logging.info("call %s(args=%r, kwargs=%r)", func.__name__, args, kwargs)
            return func(*args, **kwargs)

        return wrapper

    return decorate
