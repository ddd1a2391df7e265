# Style: the message built with an f-string (!r for the reprs), `from functools import wraps`.
# 风格：用 f-string 拼出消息（!r 取 repr），`from functools import wraps`。
from functools import wraps


def log_calls(logger):
    def decorator(func):
        @wraps(func)
        def wrapper(*args, **kwargs):
            logger.info(f"call {func.__name__}(args={args!r}, kwargs={kwargs!r})")
            result = func(*args, **kwargs)
            return result

        return wrapper

    return decorator
