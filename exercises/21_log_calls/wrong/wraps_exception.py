import functools


def log_calls(logger):
    def decorate(func):
        @functools.wraps(func)
        def wrapper(*args, **kwargs):
            logger.info("call %s(args=%r, kwargs=%r)", func.__name__, args, kwargs)
            try:
                return func(*args, **kwargs)
            except Exception as exc:
                raise RuntimeError(f"{func.__name__} failed: {exc}") from exc

        return wrapper

    return decorate
