# Style: the line glued together with + and repr(), functools.wraps applied as a plain call.
# 风格：用 + 和 repr() 拼出这一行，functools.wraps 以普通函数调用的方式使用。
import functools


def log_calls(logger):
    def decorate(func):
        def wrapper(*args, **kwargs):
            line = ("call " + func.__name__ + "(args=" + repr(args) + ", kwargs=" + repr(kwargs)
                    + ")")
            logger.info(line)
            return func(*args, **kwargs)

        return functools.wraps(func)(wrapper)

    return decorate
