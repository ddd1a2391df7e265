import functools


def log_calls(logger):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            logger.info(f"call {func.__name__}(args={list(args)}, kwargs={kwargs})")
            return func(*args, **kwargs)

        return wrapper

    return decorate
