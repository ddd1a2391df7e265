"""Checks for exercise 21: log_calls, a decorator factory built on *args and **kwargs.

Everything is observed in the worker by ``probes.decorate_and_call``: it decorates a function
of its own (named and documented as drawn) with ``log_calls(logger)``, calls it with drawn
positional and keyword arguments, and reports what the function received, how many records
existed when it started, what came back (or was raised) and every record logged.
"""

from hypothesis import example
from hypothesis import strategies as st

from grader.judge import CheckFailed, check, describe

ALPHABET = "abz 09%'\"名字张三é"
texts = st.text(ALPHABET, max_size=5)
scalars = st.one_of(st.integers(-1000, 1000), texts, st.none(), st.booleans(),
                    st.sampled_from([0.5, -1.25, 3.0]))
values = st.one_of(scalars, st.lists(scalars, max_size=3), st.tuples(scalars))
positional = st.lists(values, max_size=4).map(tuple)
keywords = st.dictionaries(st.sampled_from(["lr", "epochs", "name", "verbose", "x", "y", "数据"]),
                           values, max_size=3)
names = st.one_of(st.sampled_from(["train", "evaluate", "step", "load_data", "计算"]),
                  st.builds(lambda a, b: a + b, st.sampled_from("fgx"),
                            st.text("abz_09", max_size=5)))
docs = st.one_of(st.none(), st.text("abc 训练。\n", max_size=12))
returns = st.tuples(st.just("return"), values)
raises = st.tuples(st.just("raise"), texts)
one_call = st.tuples(positional, keywords, st.one_of(returns, raises))
returning_call = st.tuples(positional, keywords, returns)


def expected_line(name, args, kwargs):
    return f"call {name}(args={tuple(args)!r}, kwargs={dict(kwargs)!r})"


def shown_call(name, args, kwargs):
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"{name}({', '.join(parts)})"


def scene(name, calls):
    """The calls as the learner would write them, each with what the function does."""
    lines = ["@log_calls(logger)", f"def {name}(*args, **kwargs): ..."]
    for args, kwargs, (kind, payload) in calls:
        does = (f"returns {payload!r}" if kind == "return"
                else f"raises ProbeError({payload!r})")
        lines.append(f"{shown_call(name, args, kwargs)}   # the function {does}")
    return "\n".join(lines)


def fail_in(where, message, *, expected=None, got=None):
    def shown(value):
        return value if value is None or isinstance(value, str) else describe(value)

    raise CheckFailed(message, expected=shown(expected), got=shown(got), call=where)


def run(sub, name, doc, calls):
    seen = sub.probe("decorate_and_call", name, doc, calls, shown_as="log_calls")
    where = scene(name, calls)
    meta = seen["metadata"]
    if not meta["callable"]:
        fail_in(where, "log_calls(logger)(func) should return the wrapper function, but it "
                f"returned {meta['name']!r}, which cannot be called: `decorate` must end with "
                "`return wrapper`, and log_calls with `return decorate`")
    return seen, where


# -- the log line ------------------------------------------------------------------------------

@check("logs one line `call NAME(args=ARGS, kwargs=KWARGS)` at INFO through the given logger",
       fname=names, call=one_call)
@example(fname="train", call=((1, "a"), {"lr": 0.1}, ("return", None)))
@example(fname="step", call=((), {}, ("return", 3)))
@example(fname="计算", call=(([1, 2], "名字"), {"epochs": 3, "name": "张三"}, ("raise", "boom")))
def logs_the_call(sub, fname, call):
    seen, where = run(sub, fname, None, [call])
    args, kwargs, _ = call
    want = expected_line(fname, args, kwargs)
    done = seen["calls"][0]
    records, elsewhere = done["records"], done["elsewhere"]
    if not records:
        if elsewhere:
            fail_in(where, f"the line was logged through the logger {elsewhere[0]['logger']!r}, "
                    "not through the logger given to log_calls: call logger.info(...) on the "
                    "`logger` argument (logging.info(...) uses the root logger)",
                    expected=want, got=elsewhere[0]["message"])
        if seen["at_decoration"]:
            fail_in(where, "nothing was logged during the call; a line was logged once, when "
                    "the decorator was applied. Log inside the wrapper, so that every call "
                    "logs", expected=want, got=seen["at_decoration"][0])
        fail_in(where, "nothing was logged during the call: the wrapper should call "
                "logger.info(...) with the call line", expected=want, got="no log record")
    if len(records) > 1:
        fail_in(where, f"{len(records)} lines were logged for one call; log exactly one",
                expected=[want], got=[r["message"] for r in records])
    record = records[0]
    if record["level"] != "INFO":
        fail_in(where, f"the line was logged at {record['level']}, not INFO: use logger.info",
                expected=f"INFO {want}", got=f"{record['level']} {record['message']}")
    got = record["message"]
    if got == want:
        return
    if got == f"call {fname}(args={list(args)!r}, kwargs={dict(kwargs)!r})":
        fail_in(where, "ARGS is shown as a list; show the tuple that *args holds as it is "
                "(its repr has round brackets)", expected=want, got=got)
    if got.startswith("call ") and not got.startswith(f"call {fname}("):
        fail_in(where, f"NAME should be the function's __name__, {fname!r}", expected=want,
                got=got)
    fail_in(where, "the log line is not `call NAME(args=ARGS, kwargs=KWARGS)` with the repr of "
            "the args tuple and of the kwargs dict", expected=want, got=got)


@check("logs before running the function, once per call", fname=names,
       calls=st.lists(one_call, min_size=1, max_size=3))
@example(fname="train", calls=[((1,), {"lr": 0.5}, ("return", 2))])
@example(fname="step", calls=[((), {}, ("return", 1)), ((2,), {}, ("return", 2))])
@example(fname="f", calls=[(("x",), {}, ("raise", "bad input"))])
def logs_before(sub, fname, calls):
    seen, where = run(sub, fname, None, calls)
    for number, done in enumerate(seen["calls"], start=1):
        if not done["records"]:
            if seen["at_decoration"]:
                fail_in(where, "a line was logged once, when the decorator was applied, and "
                        f"nothing during call {number}: log inside the wrapper, on every call",
                        expected=f"{len(calls)} lines, one per call",
                        got=seen["at_decoration"])
            if done["elsewhere"]:
                continue  # a wrong logger: the first check says so
            fail_in(where, f"nothing was logged during call {number}", expected="one line per "
                    "call, logged before the function runs", got="no log record")
        for received in done["received"]:
            if received["records_before"] == 0:
                fail_in(where, f"in call {number} the line was logged only after the function "
                        "ran (when the function raises, it is never logged): log first, then "
                        "call the function", expected="the line logged before the function "
                        "starts", got="nothing logged yet when the function started")


# -- the call itself ---------------------------------------------------------------------------

@check("calls the function with exactly the positional and keyword arguments it got",
       fname=names, call=one_call)
@example(fname="train", call=((1, "a"), {"lr": 0.1, "epochs": 3}, ("return", None)))
@example(fname="f", call=((), {"x": [1, 2]}, ("return", 0)))
@example(fname="step", call=((5,), {}, ("return", 5)))
def passes_arguments(sub, fname, call):
    seen, where = run(sub, fname, None, [call])
    args, kwargs, _ = call
    received = seen["calls"][0]["received"]
    want = {"args": tuple(args), "kwargs": dict(kwargs)}
    if not received:
        fail_in(where, "the function was never called: the wrapper must call it, "
                "func(*args, **kwargs)", expected=want, got="not called")
    if len(received) > 1:
        fail_in(where, f"the function ran {len(received)} times for one call; call it once",
                expected=[want], got=received)
    got = {"args": received[0]["args"], "kwargs": received[0]["kwargs"]}
    if got == want:
        return
    if kwargs and got["args"] == want["args"] and not got["kwargs"]:
        fail_in(where, "the keyword arguments were dropped: pass them on with **kwargs, "
                "func(*args, **kwargs)", expected=want, got=got)
    if kwargs and not got["kwargs"] and got["args"] == tuple(args) + tuple(kwargs.values()):
        fail_in(where, "the keyword arguments arrived as positional ones, so the function "
                "cannot tell which is which: pass them with **kwargs, not *kwargs.values()",
                expected=want, got=got)
    if args and got["args"] == (tuple(args),):
        fail_in(where, "the positional arguments arrived as ONE tuple: unpack them with "
                "func(*args, ...), not func(args, ...)", expected=want, got=got)
    if kwargs and got["args"][-1:] == (dict(kwargs),):
        fail_in(where, "the keyword arguments arrived as one positional dict: unpack them "
                "with func(..., **kwargs), not func(..., kwargs)", expected=want, got=got)
    fail_in(where, "the function did not receive the arguments it was called with",
            expected=want, got=got)


@check("returns the function's result", fname=names, call=returning_call)
@example(fname="train", call=((1,), {"lr": 0.1}, ("return", 0.5)))
@example(fname="evaluate", call=((), {}, ("return", [1, "名字"])))
def returns_result(sub, fname, call):
    seen, where = run(sub, fname, None, [call])
    done = seen["calls"][0]
    want = call[2][1]
    if "raised" in done:
        fail_in(where, f"the call raised {done['raised']['type']}: {done['raised']['message']}",
                expected=want, got=done["raised"]["type"])
    if done["returned"] != want or type(done["returned"]) is not type(want):
        hint = (": return func(*args, **kwargs) from the wrapper"
                if done["returned"] is None else "")
        fail_in(where, "the decorated function did not return what the function returned"
                + hint, expected=want, got=done["returned"])
    if not done["same"]:
        fail_in(where, "the decorated function returned a copy; return the very object the "
                "function returned", expected=want, got=done["returned"])


@check("lets the function's exception propagate unchanged", fname=names,
       call=st.tuples(positional, keywords, raises))
@example(fname="train", call=((1,), {"lr": 0.1}, ("raise", "out of memory")))
@example(fname="f", call=((), {}, ("raise", "")))
def exception_propagates(sub, fname, call):
    seen, where = run(sub, fname, None, [call])
    done = seen["calls"][0]
    message = call[2][1]
    want = f"ProbeError: {message}"
    if "raised" not in done:
        fail_in(where, "the function raised ProbeError, but the decorated call returned "
                f"{describe(done['returned'])}: do not catch the exception in the wrapper; let "
                "it reach the caller", expected=want, got=f"returned {describe(done['returned'])}")
    raised = done["raised"]
    got = f"{raised['type']}: {raised['message']}"
    if raised["type"] != "ProbeError" or raised["message"] != message:
        fail_in(where, "the caller got a different exception from the one the function raised: "
                "do not wrap or replace it (no try/except around the call, or a bare `raise` "
                "in it)", expected=want, got=got)
    if not raised["same"]:
        fail_in(where, "the caller got a new ProbeError, not the one the function raised: "
                "re-raise it with a bare `raise` (or do not catch it at all)", expected=want,
                got=f"{got} (another object)")


@check("keeps __name__, __doc__ and __wrapped__ (functools.wraps)", fname=names, doc=docs)
@example(fname="train", doc="Train one epoch.")
@example(fname="f", doc=None)
def keeps_metadata(sub, fname, doc):
    seen, where = run(sub, fname, doc, [])
    meta = seen["metadata"]
    where = f"@log_calls(logger)\ndef {fname}(): {doc!r}   # its docstring"
    if meta["is_target"]:
        fail_in(where, "log_calls(logger)(func) returned func itself, so calls are never "
                "logged: return a wrapper function")
    wraps = "decorate the wrapper with @functools.wraps(func)"
    if meta["name"] != fname:
        fail_in(where, f"the decorated function's __name__ is {meta['name']!r}, not the "
                f"function's: {wraps}", expected=fname, got=meta["name"])
    if meta["doc"] != doc:
        fail_in(where, f"the decorated function lost its docstring (__doc__): {wraps}",
                expected=doc, got=meta["doc"])
    if not meta["wrapped_is_target"]:
        got = ("another object" if meta["has_wrapped"] else "no __wrapped__ attribute")
        fail_in(where, "the decorated function's __wrapped__ should be the original function "
                f"(inspect.signature and tools that unwrap rely on it): {wraps}, which sets "
                "__wrapped__ as well as __name__ and __doc__", expected="the original function",
                got=got)
