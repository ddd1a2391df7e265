# Style: functools.update_wrapper instead of the @wraps decorator, logger.log at logging.INFO,
# str.format for the message.
# 风格：用 functools.update_wrapper 代替 @wraps，用 logger.log(logging.INFO, ...)，
# 消息用 str.format。
import functools
import logging


def log_calls(logger: logging.Logger):
    def decorate(func):
        def logged(*args, **kwargs):
            message = "call {}(args={!r}, kwargs={!r})".format(func.__name__, args, kwargs)  # noqa: UP032
            logger.log(logging.INFO, message)
            return func(*args, **kwargs)

        functools.update_wrapper(logged, func)
        return logged

    return decorate
