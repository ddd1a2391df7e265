"""Exercise 21: a decorator that logs every call, with *args and **kwargs.

log_calls(logger) returns a decorator. The function it wraps logs one line at INFO through
`logger`, BEFORE running the function:

    call NAME(args=ARGS, kwargs=KWARGS)

(NAME: the function's __name__, ARGS: the tuple of positional arguments, KWARGS: the dict of
keyword arguments, both as repr shows them), then calls the function with exactly the arguments
it got and returns its result. Exceptions pass through unchanged, and functools.wraps keeps the
function's __name__, __doc__ and __wrapped__.
"""

import functools  # noqa: F401 - you will need functools.wraps
import logging
from collections.abc import Callable


def log_calls(logger: logging.Logger) -> Callable:
    # TODO: define decorate(func), and inside it a wrapper(*args, **kwargs) decorated with
    # @functools.wraps(func); return decorate.
    raise NotImplementedError("log_calls is not written yet: return a decorator whose wrapper "
                              "logs 'call NAME(args=..., kwargs=...)' and then calls the function")
