import functools


def log_calls(logger):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            return func(*args, **kwargs)

        logger.info("call %s(args=%r, kwargs=%r)", func.__name__, (), {})
        return wrapper

    return decorate
