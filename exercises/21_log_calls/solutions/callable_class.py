# Style: the wrapper is an instance of a class with __call__; update_wrapper copies the
# metadata onto the instance.
# 风格：包装器是一个带 __call__ 的类的实例；update_wrapper 把元数据复制到实例上。
import functools


class _LoggedCall:
    def __init__(self, func, logger):
        functools.update_wrapper(self, func)
        self._func = func
        self._logger = logger

    def __call__(self, *args, **kwargs):
        self._logger.info("call %s(args=%s, kwargs=%s)", self._func.__name__, repr(args),
                          repr(kwargs))
        return self._func(*args, **kwargs)


def log_calls(logger):
    return lambda func: _LoggedCall(func, logger)
