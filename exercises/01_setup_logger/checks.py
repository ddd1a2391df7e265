"""Checks for exercise 01: one property per promise of setup_logger.

Everything is observed in the worker by ``probes.setup_and_log``: it swaps in a fresh
``sys.stderr``, calls setup_logger, logs one message at the requested level and reports the
logger, its handlers, what reached the console and the bytes of every ``.log`` file.
"""

import logging
import re

from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect, fail

LEVELS = {logging.DEBUG: "DEBUG", logging.INFO: "INFO", logging.WARNING: "WARNING",
          logging.ERROR: "ERROR", logging.CRITICAL: "CRITICAL"}
EARLIER = "上一次运行 earlier run\n".encode()
EXAMPLES = None  # the configured default (CHECK.MAX_EXAMPLES, 100)

names = st.one_of(st.text("abcxyz", min_size=1, max_size=5),
                  st.sampled_from(["train", "训练", "model.backbone"]))
files = st.sampled_from(["train.log", "run_2.log", "eval.log"])
maybe_files = st.one_of(st.none(), files)
levels = st.sampled_from(list(LEVELS))
messages = st.text("abc xyz训练开始✓é%", min_size=1, max_size=12).filter(lambda s: s.strip() == s)
styles = st.sampled_from(["positional", "keywords", "short"])


def _call(name, log_file, level, style):
    """The arguments of one setup_logger call: all positional, keywords, or defaults left out."""
    if style == "positional":
        return (name, log_file, level), {}
    if style == "keywords":
        return (name,), {"log_file": log_file, "level": level}
    kwargs = {}
    if log_file is not None:
        kwargs["log_file"] = log_file
    if level != logging.INFO:
        kwargs["level"] = level
    return (name,), kwargs


def _run(sub, message, calls, seed_files=None):
    sub.probe("prepare", message, seed_files or {})
    seen = []
    for args, kwargs in calls:
        seen.append(sub.probe("setup_and_log", *args, shown_as="setup_logger", **kwargs))
    return seen


def _shown(args, kwargs):
    parts = [repr(a) for a in args] + [f"{k}={v!r}" for k, v in kwargs.items()]
    return f"setup_logger({', '.join(parts)})"


def _consoles(seen):
    return [h for h in seen["handlers"] if h["is_stream"] and not h["is_file"]]


def _file_handlers(seen):
    return [h for h in seen["handlers"] if h["is_file"]]


def _line_pattern(seen):
    return re.compile(rf"(.+) \| {re.escape(seen['name'])} \| {re.escape(seen['level_name'])} "
                      rf"\| {re.escape(seen['text'])}")


def _lines_with(text, message):
    return [line for line in text.splitlines() if line.endswith(message)]


def _file_text(seen, path):
    return seen["files"].get(path, b"").decode("utf-8", "replace")


@check("returns logging.getLogger(name) with the logger's own level set to `level` (INFO by "
       "default)", max_examples=EXAMPLES, logger_name=names, log_file=maybe_files, level=levels,
       style=styles, message=messages)
@example(logger_name="train", log_file=None, level=logging.DEBUG, style="positional",
         message="step 1")
@example(logger_name="train", log_file=None, level=logging.INFO, style="short", message="step 1")
def returns_logger_with_level(sub, logger_name, log_file, level, style, message):
    args, kwargs = _call(logger_name, log_file, level, style)
    (seen,) = _run(sub, message, [(args, kwargs)])
    expect(seen["is_get_logger"],
           f"setup_logger returned a {seen['returned_type']}, not "
           f"logging.getLogger({logger_name!r}): return the logger itself")
    got = seen["logger_level"]
    if got != level:
        on_handlers = [h["level"] for h in seen["handlers"]]
        if got == logging.NOTSET and level in on_handlers:
            fail(f"the level {LEVELS[level]} is set on a handler, but the logger's own level is "
                 "still NOTSET, so the logger defers to the root logger (WARNING) and drops "
                 "anything less severe before any handler sees it; call logger.setLevel(level)",
                 expected=f"logger.level == {level}", got=f"logger.level == {got}")
        defaulted = "level" not in kwargs and len(args) < 3
        default = " (level defaults to logging.INFO)" if defaulted else ""
        fail(f"the logger's level is {got}, but {_shown(args, kwargs)} asked for {level} "
             f"({LEVELS[level]}){default}; call logger.setLevel(level)",
             expected=f"logger.level == {level}", got=f"logger.level == {got}")


@check("sets propagate = False, so messages are not passed on to the root logger",
       max_examples=EXAMPLES, logger_name=names, log_file=maybe_files, level=levels,
       message=messages)
@example(logger_name="train", log_file=None, level=logging.INFO, message="step 1")
def does_not_propagate(sub, logger_name, log_file, level, message):
    (seen,) = _run(sub, message, [((logger_name, log_file, level), {})])
    expect(not seen["propagate"] and not seen["reached_root"],
           "the logger still propagates: every message is also handed to the root logger's "
           "handlers, so once anything configures the root logger (logging.basicConfig, a "
           "library) each line is printed twice; set logger.propagate = False",
           expected="propagate = False", got="propagate = True")


@check("prints each message once to the sys.stderr of the moment it is called, through one "
       "StreamHandler that is not a FileHandler", max_examples=EXAMPLES, logger_name=names,
       log_file=maybe_files, level=levels, style=styles, message=messages)
@example(logger_name="train", log_file=None, level=logging.INFO, style="positional",
         message="step 1")
@example(logger_name="train", log_file="train.log", level=logging.INFO, style="positional",
         message="step 1")
def prints_to_stderr(sub, logger_name, log_file, level, style, message):
    args, kwargs = _call(logger_name, log_file, level, style)
    (seen,) = _run(sub, message, [(args, kwargs)])
    consoles = _consoles(seen)
    if not consoles:
        if _file_handlers(seen):
            fail("the logger has no console handler: its only StreamHandler is a FileHandler "
                 "(FileHandler is a subclass of StreamHandler); add a logging.StreamHandler() "
                 "for the console", expected="one StreamHandler to sys.stderr",
                 got=[h["type"] for h in seen["handlers"]])
        fail("the logger has no console handler; add a logging.StreamHandler()",
             expected="one StreamHandler to sys.stderr", got=[h["type"] for h in seen["handlers"]])
    expect(len(consoles) == 1, f"the logger has {len(consoles)} console handlers; it needs one, "
           "or every message is printed several times",
           expected="1 StreamHandler", got=[h["type"] for h in seen["handlers"]])
    where = consoles[0]["stream"]
    if where == "earlier stderr":
        fail("the console handler writes to the sys.stderr that existed before the call (bound "
             "when your file was imported, e.g. as a default argument or a module-level "
             "handler), not the one current when setup_logger is called; create the "
             "StreamHandler inside the function", expected="sys.stderr at call time",
             got="sys.stderr from import time")
    if where == "stdout":
        fail("the console handler writes to sys.stdout; logging's console output goes to "
             "sys.stderr", expected="sys.stderr", got="sys.stdout")
    expect(where == "call-time stderr",
           "the console handler writes to some other stream, not sys.stderr",
           expected="sys.stderr at call time", got="another stream")
    printed = _lines_with(seen["console_text"], seen["text"])
    expect(len(printed) == 1,
           f"logger.log({LEVELS[level]}, {seen['text']!r}) printed {len(printed)} lines with "
           "the message to sys.stderr; it should print exactly one (is a handler's level "
           "above the logger's?)", expected="1 line", got=seen["console_text"] or "nothing")


@check("has one FileHandler for `log_file` when it is given, none without, and no other "
       "handlers", max_examples=EXAMPLES, logger_name=names, log_file=maybe_files, level=levels,
       style=styles, message=messages)
@example(logger_name="train", log_file="train.log", level=logging.INFO, style="short", message="x")
@example(logger_name="train", log_file=None, level=logging.INFO, style="short", message="x")
def has_the_right_handlers(sub, logger_name, log_file, level, style, message):
    args, kwargs = _call(logger_name, log_file, level, style)
    (seen,) = _run(sub, message, [(args, kwargs)])
    kinds = [h["type"] for h in seen["handlers"]]
    others = [h["type"] for h in seen["handlers"] if not h["is_stream"]]
    expect(not others, f"the logger has handlers besides the console and the file: {others}",
           expected="StreamHandler (+ FileHandler)", got=kinds)
    file_handlers = _file_handlers(seen)
    wanted = [] if log_file is None else [log_file]
    got = [h["file"] for h in file_handlers]
    if log_file is None:
        expect(not got, f"{_shown(args, kwargs)} gave no log_file, but the logger has a "
               f"FileHandler for {got}", expected="no FileHandler", got=kinds)
    else:
        expect(len(got) == 1, f"{_shown(args, kwargs)} should attach exactly one FileHandler, "
               f"but the logger has {len(got)}", expected=f"FileHandler({log_file!r})", got=kinds)
        expect(got == wanted, f"the FileHandler writes to {got[0]!r}, not to {log_file!r}",
               expected=log_file, got=got[0])


@check("writes lines as 'asctime | name | LEVEL | message'", max_examples=EXAMPLES,
       logger_name=names, log_file=maybe_files, level=levels, message=messages)
@example(logger_name="train", log_file="train.log", level=logging.WARNING, message="loss is nan")
def formats_lines(sub, logger_name, log_file, level, message):
    (seen,) = _run(sub, message, [((logger_name, log_file, level), {})])
    pattern = _line_pattern(seen)
    outputs = [("sys.stderr", seen["console_text"])]
    if log_file is not None:
        outputs.append((log_file, _file_text(seen, log_file)))
    formats = sorted({str(h["format"]) for h in seen["handlers"]})
    for where, text in outputs:
        lines = _lines_with(text, seen["text"])
        expect(bool(lines), f"nothing with the message {seen['text']!r} reached {where}",
               expected=f"a line ending in {seen['text']!r}", got=text or "nothing")
        line = lines[-1]
        match = pattern.fullmatch(line)
        expect(match is not None and any(c.isdigit() for c in match.group(1)),
               f"the line written to {where} does not have the format "
               "'%(asctime)s | %(name)s | %(levelname)s | %(message)s'; give every handler a "
               f"logging.Formatter with that format (your handlers' formats: {formats})",
               expected=f"<time> | {seen['name']} | {seen['level_name']} | {seen['text']}",
               got=line)


@check("appends to the log file in UTF-8 (earlier lines kept, non-ASCII text intact)",
       max_examples=EXAMPLES, logger_name=names, log_file=files, level=levels, message=messages,
       seeded=st.booleans())
@example(logger_name="train", log_file="train.log", level=logging.INFO, message="训练开始 ✓",
         seeded=True)
def appends_utf8(sub, logger_name, log_file, level, message, seeded):
    message = message if not message.isascii() else message + " ✓"
    seed = {log_file: EARLIER} if seeded else {}
    (seen,) = _run(sub, message, [((logger_name, log_file, level), {})], seed)
    file_handlers = _file_handlers(seen)
    expect(bool(file_handlers), f"no FileHandler was attached for {log_file!r}",
           expected=f"FileHandler({log_file!r})", got=[h["type"] for h in seen["handlers"]])
    encoding = file_handlers[0]["encoding"]
    expect(encoding == "utf-8",
           f"the FileHandler's encoding is {encoding!r}, not UTF-8: without encoding='utf-8' "
           "Python writes with the machine's locale encoding (GBK on a Chinese Windows, cp1252 "
           "on many others) and non-ASCII messages come out garbled or crash; pass "
           "encoding='utf-8'", expected="encoding='utf-8'", got=f"encoding={encoding!r}")
    content = seen["files"].get(log_file)
    expect(content is not None, f"{log_file!r} was not created", expected=log_file, got="no file")
    if seeded:
        expect(content.startswith(EARLIER),
               f"{log_file!r} lost the lines it already had: open it for appending (mode 'a', "
               "FileHandler's default), not 'w', or every run wipes the last run's log",
               expected=EARLIER.decode() + "…", got=content.decode("utf-8", "replace")[:200])
    try:
        text = content.decode("utf-8")
    except UnicodeDecodeError:
        fail(f"{log_file!r} is not valid UTF-8 after logging {seen['text']!r}; pass "
             "encoding='utf-8' to the FileHandler", expected="UTF-8 text", got=content[:200])
    written = _lines_with(text, seen["text"])
    expect(len(written) == 1, f"{log_file!r} holds {len(written)} lines with the message "
           f"{seen['text']!r}; it should hold exactly one", expected="1 line", got=text[-300:])


def _two_calls(name, first_file, first_level, second_file, second_level):
    return [((name, first_file, first_level), {}), ((name, second_file, second_level), {})]


second_files = st.sampled_from(["same", "other", None])


def _second_file(first_file, choice):
    if choice == "same":
        return first_file or "train.log"
    if choice == "other":
        return "eval.log" if first_file != "eval.log" else "train.log"
    return None


@check("a second call for the same name leaves one handler of each kind (each message printed "
       "once)", max_examples=EXAMPLES, logger_name=names, first_file=maybe_files,
       first_level=levels, second=second_files, second_level=levels, message=messages)
@example(logger_name="train", first_file="train.log", first_level=logging.INFO, second="same",
         second_level=logging.INFO, message="epoch 1")
def second_call_no_duplicates(sub, logger_name, first_file, first_level, second, second_level,
                              message):
    second_file = _second_file(first_file, second)
    calls = _two_calls(logger_name, first_file, first_level, second_file, second_level)
    _, seen = _run(sub, message, calls)
    before = f"after {_shown(*calls[0])} and then {_shown(*calls[1])}"
    consoles = _consoles(seen)
    printed = _lines_with(seen["console_text"], seen["text"])
    expect(len(consoles) == 1 and len(printed) == 1,
           f"{before}, the logger has {len(consoles)} console handlers and one message was "
           f"printed {len(printed)} times: the handlers of the first call are still attached; "
           "remove them before adding new ones",
           expected="1 StreamHandler, 1 line", got=[h["type"] for h in seen["handlers"]])
    file_handlers = _file_handlers(seen)
    expect(len(file_handlers) <= 1,
           f"{before}, the logger has {len(file_handlers)} FileHandlers; it needs at most one",
           expected="at most 1 FileHandler", got=[h["type"] for h in seen["handlers"]])
    if second_file is not None:
        written = _lines_with(_file_text(seen, second_file), seen["text"])
        expect(len(written) == 1, f"{before}, one message was written {len(written)} times to "
               f"{second_file!r}; it should be written once",
               expected="1 line", got=_file_text(seen, second_file)[-300:] or "nothing")


@check("a second call applies the new level and log file (no log_file: no FileHandler)",
       max_examples=EXAMPLES, logger_name=names, first_file=maybe_files, first_level=levels,
       second=second_files, second_level=levels, message=messages)
@example(logger_name="train", first_file="train.log", first_level=logging.INFO, second="other",
         second_level=logging.DEBUG, message="epoch 1")
@example(logger_name="train", first_file="train.log", first_level=logging.INFO, second=None,
         second_level=logging.INFO, message="epoch 1")
def second_call_reconfigures(sub, logger_name, first_file, first_level, second, second_level,
                             message):
    second_file = _second_file(first_file, second)
    calls = _two_calls(logger_name, first_file, first_level, second_file, second_level)
    _, seen = _run(sub, message, calls)
    before = f"after {_shown(*calls[0])} and then {_shown(*calls[1])}"
    expect(seen["logger_level"] == second_level,
           f"{before}, the logger's level is {seen['logger_level']}, not {second_level}: a "
           "second call must apply the new level (returning early when the logger already "
           "has handlers keeps the old setup)",
           expected=f"logger.level == {second_level}", got=f"logger.level == "
           f"{seen['logger_level']}")
    got_files = [h["file"] for h in _file_handlers(seen)]
    wanted = [] if second_file is None else [second_file]
    expect(got_files == wanted,
           f"{before}, the logger's FileHandlers write to {got_files}, not {wanted}: the second "
           "call's log_file must replace the first one's"
           + (" (no log_file means no FileHandler)" if second_file is None else ""),
           expected=wanted, got=got_files)
    if first_file is not None and first_file != second_file:
        stale = _lines_with(_file_text(seen, first_file), seen["text"])
        expect(not stale, f"{before}, a message logged after the second call still went to "
               f"the first call's file {first_file!r}", expected="nothing new",
               got=_file_text(seen, first_file)[-300:])


@check("a second call closes the FileHandler it replaces", max_examples=EXAMPLES, logger_name=names,
       first_file=files, first_level=levels, second=second_files, second_level=levels,
       message=messages)
@example(logger_name="train", first_file="train.log", first_level=logging.INFO, second="other",
         second_level=logging.INFO, message="epoch 1")
def second_call_closes_old_file(sub, logger_name, first_file, first_level, second, second_level,
                                message):
    second_file = _second_file(first_file, second)
    calls = _two_calls(logger_name, first_file, first_level, second_file, second_level)
    _, seen = _run(sub, message, calls)
    left_open = [h["file"] for h in seen["removed"] if h["is_file"] and not h["closed"]]
    expect(not left_open,
           f"after {_shown(*calls[0])} and then {_shown(*calls[1])}, the first call's "
           f"FileHandler for {left_open[0] if left_open else ''!r} was removed but not closed: "
           "its file stays open (a leaked file handle; on Windows the file stays locked); call "
           "handler.close() after logger.removeHandler(handler)",
           expected="old FileHandler closed", got="still open")
