def log_calls(logger):
    def decorate(func):
        def wrapper(*args, **kwargs):
            logger.info("call %s(args=%r, kwargs=%r)", func.__name__, args, kwargs)
            return func(*args, **kwargs)

        return wrapper

    return decorate
