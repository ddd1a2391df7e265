"""Checks for exercise 24: JSON Lines, append_records and read_records.

Files live in the worker's working directory: a probe writes the starting bytes, the learner's
function runs on the file, a probe reads the bytes back. Records are drawn: dicts of short keys
to ints, strings (Chinese, accents, an emoji, quotes, backslashes, braces, newlines and tabs
that JSON must escape), booleans, None and short lists. Written files are judged by their
lines: `\\u` escapes (ensure_ascii=True) and raw UTF-8 are both valid JSON, so both pass.
"""

import json

from hypothesis import example
from hypothesis import strategies as st

from grader.judge import CheckFailed, OneShot, check, describe, describe_call, expect

NAME = "records.jsonl"

ALPHABET = 'abxyz AZ09"\\/{}:,\n\t名字张三éü😀'
texts = st.text(ALPHABET, max_size=6)
scalars = st.one_of(st.integers(-10**6, 10**6), texts, st.booleans(), st.none())
values = st.one_of(scalars, st.lists(scalars, max_size=3))
record = st.dictionaries(st.text(ALPHABET, max_size=4), values, max_size=4)
# Line breaks to str.splitlines() but not to a file's lines, and left raw by json.dumps(...,
# ensure_ascii=False): a reader that splits with splitlines() cuts such a record in two.
OTHER_LINE_BREAKS = ("\u2028", "\u2029", "\x85")
BAD_LINES = ["{'a': 1}", "not json", '{"a": 1,}', '{"a": 1}}', "{", '{"名字": 张三}']


def records(min_size=0, max_size=5):
    return st.lists(record, min_size=min_size, max_size=max_size)


def dumps(rec, ascii_=False, compact=False):
    seps = (",", ":") if compact else (", ", ": ")
    return json.dumps(rec, ensure_ascii=ascii_, separators=seps)


def as_file(lines, final_newline=True):
    text = "\n".join(lines)
    if lines and final_newline:
        text += "\n"
    return text.encode("utf-8")


def torn(line, cut):
    """A proper, non-empty prefix of a JSON object's text: never valid JSON."""
    return line[: 1 + cut % (len(line) - 1)]


@st.composite
def bad_lines(draw):
    if draw(st.booleans()):
        return draw(st.sampled_from(BAD_LINES))
    return torn(dumps(draw(record)), draw(st.integers(0, 50)))


# -- failing with the file in view -------------------------------------------------------------

def readable(data):
    """File bytes as text when they are UTF-8 (Chinese stays legible), else as bytes."""
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data
    return data


def scene(func, args, kwargs, before):
    call = describe_call(func, args, kwargs)
    if before is None:
        return f"{call}   ({NAME} did not exist)"
    return f"{call}   ({NAME} held {describe(readable(before), 240)})"


def fail_in(where, message, *, expected=None, got=None):
    raise CheckFailed(message,
                      expected=None if expected is None else describe(readable(expected)),
                      got=None if got is None else describe(readable(got)), call=where)


def run(sub, where, func, *args, **kwargs):
    """The learner's result; an exception fails the check, showing the file it was given."""
    outcome = sub.outcome(func, *args, **kwargs)
    if isinstance(outcome, tuple):
        return outcome[0]
    text = f"{func} raised {outcome.type}: {outcome.message}"
    if outcome.traceback:
        text += "\n" + outcome.traceback
    fail_in(where, text, got=f"{outcome.type}: {outcome.message}")


def parse_lines(where, data, what):
    """The records in `data` (bytes), one per non-blank line; fails on anything else."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        fail_in(where, f"{what} is not UTF-8: open the file with encoding='utf-8' (the "
                "platform's default may be GBK or another code page)", got=data)
    found = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            found.append(json.loads(line))
        except ValueError:
            fail_in(where, f"line {number} of {what} is not a JSON object on its own: "
                    f"{line[:80]!r}. Write each record on ONE line: json.dumps(record) (no "
                    "indent) followed by '\\n'", got=data)
    return found


def expect_no_blank_lines(where, data, what):
    """Appending adds exactly one line per record: a stray '\n' leaves a blank line behind."""
    lines = data.split(b"\n")
    if lines and lines[-1] == b"":
        lines = lines[:-1]  # the final newline ends the last line
    if any(not line.strip() for line in lines):
        fail_in(where, f"{what} has a blank line: write exactly one line per record, and add a "
                "'\\n' first only when the file exists, is not empty and does not already end "
                "with one", got=data)


def append(sub, before, new, one_shot=False):
    """Seed the file with `before`, append `new`, return (count, bytes after, where)."""
    sub.probe("write_file", NAME, before)
    argument = OneShot(tuple(new)) if one_shot else new
    where = scene("append_records", (NAME, argument), {}, before)
    count = run(sub, where, "append_records", NAME, argument)
    after = sub.probe("file_bytes", NAME)
    return count, after, where


def expect_count(where, count, new, newline_added=False):
    """append_records returns how many records it wrote: not lines, not the newline first."""
    if count is None:
        fail_in(where, "append_records returned None; return how many records it wrote",
                expected=len(new), got=count)
    extra = ""
    if newline_added and count == len(new) + 1:
        extra = ("; the newline added first to end the old last line is not a record, so "
                 "it does not count")
    if type(count) is not int or count != len(new):
        fail_in(where, f"append_records wrote {len(new)} record{'s' if len(new) != 1 else ''}, "
                f"so it should return {len(new)}{extra}", expected=len(new), got=count)


def expect_appended(where, before, new, after, newline_added):
    if after is None:
        fail_in(where, f"after append_records, {NAME} is gone", expected=before)
    if not after.startswith(before):
        if new and parse_lines(where, after, "the file") == new:
            fail_in(where, "the old lines are gone: the file was overwritten. Open it with "
                    "mode 'a' (append), not 'w', which empties the file first",
                    expected=before, got=after)
        fail_in(where, "the lines that were already in the file changed; append after them "
                "and leave them byte for byte as they were", expected=before, got=after)
    added = after[len(before):]
    if newline_added and not added.startswith((b"\n", b"\r\n")):
        glued = (before + added).decode("utf-8", "replace").split("\n")
        last = next((line for line in reversed(glued) if line.strip()), "")
        fail_in(where, "the file's last line had no final newline, and the first new record "
                "was glued onto it: add a '\\n' first when the file does not end with one "
                f"(a line now reads {last[:80]!r})", expected=before + b"\n...", got=after)
    got = parse_lines(where, added, "the appended part")
    if got != new:
        fail_in(where, "the appended lines do not hold the records given, one per line, in "
                "order", expected=new, got=got)
    expect_no_blank_lines(where, added[1:] if newline_added else added, "the appended part")


# -- append_records --------------------------------------------------------------------------

@check("append_records writes one JSON object per line and returns how many it wrote",
       new=records(), one_shot=st.booleans())
@example(new=[{"名字": "张三", "age": 3}, {"ok": True, "tags": ["a", None]}], one_shot=False)
@example(new=[{"a": 1}, {"b": [1, 2]}], one_shot=True)
@example(new=[], one_shot=False)
def append_new_file(sub, new, one_shot):
    count, after, where = append(sub, None, new, one_shot)
    if count is None:
        fail_in(where, "append_records returned None; return how many records it wrote",
                expected=len(new), got=count)
    expect(type(count) is int and count == len(new),
           f"append_records wrote {len(new)} records, so it should return {len(new)}"
           + ("; `records` may be a one-shot iterator (a generator): count while writing, "
              "do not iterate it a second time" if one_shot and new and count == 0 else ""),
           expected=len(new), got=count)
    if after is None:
        if new:
            fail_in(where, f"append_records did not create {NAME}", expected=new)
        return
    got = parse_lines(where, after, "the file")
    if got != new:
        fail_in(where, "the file does not hold the records given, one per line, in order",
                expected=new, got=got)
    expect_no_blank_lines(where, after, "the new file")


@check("append_records keeps the lines already in the file (it appends, never overwrites)",
       old=records(), blank=st.booleans(), new=records(min_size=1))
@example(old=[{"a": 1}], blank=False, new=[{"b": 2}])
@example(old=[{"名字": "张三"}, {"x": None}], blank=True, new=[{"y": [1]}])
def append_keeps_lines(sub, old, blank, new):
    lines = [dumps(r) for r in old]
    if blank:
        lines.insert(len(lines) // 2, "")
    before = as_file(lines)
    count, after, where = append(sub, before, new)
    expect_appended(where, before, new, after, newline_added=False)
    expect_count(where, count, new)


@check("append_records first ends an unfinished last line with a newline",
       old=records(max_size=3), last=st.one_of(record.map(dumps), bad_lines()),
       new=records(min_size=1, max_size=3))
@example(old=[], last='{"a": 1}', new=[{"b": 2}])
@example(old=[{"x": 0}], last='{"a": 1', new=[{"名字": "张三"}])
def append_after_unfinished_line(sub, old, last, new):
    before = as_file([dumps(r) for r in old] + [last], final_newline=False)
    count, after, where = append(sub, before, new)
    expect_appended(where, before, new, after, newline_added=True)
    expect_count(where, count, new, newline_added=True)


NON_ASCII = {"名字": "张三", "城市": "北京", "note": "café 😀"}


@check("append_records writes UTF-8 (non-ASCII text as raw UTF-8 or as \\u escapes)",
       new=records(max_size=3))
@example(new=[])
def append_utf8(sub, new):
    new = [NON_ASCII, *new]
    _, after, where = append(sub, None, new)
    expect(after is not None, f"append_records did not create {NAME}")
    got = parse_lines(where, after, "the file")
    if got != new:
        fail_in(where, "the file does not hold the records given; non-ASCII text must come "
                "back exactly as it was written", expected=new, got=got)


@check("reads and writes UTF-8 even where the platform's default encoding is not UTF-8",
       new=records(max_size=2))
@example(new=[])
def utf8_whatever_the_platform(sub, new):
    new = [NON_ASCII, *new]
    sub.probe("write_file", NAME, None)
    where = f"{describe_call('append_records', (NAME, new), {})}   (default encoding ASCII)"
    seen = sub.probe("under_ascii_default", "append_records", NAME, new,
                     shown_as="append_records")
    hint = ("open() without encoding= uses the platform's default encoding (GBK on a Chinese "
            "Windows, ASCII here), which cannot hold this text: pass encoding='utf-8'")
    if "unicode_error" in seen:
        fail_in(where, f"append_records raised {seen['unicode_error']}; {hint}")
    after = sub.probe("file_bytes", NAME)
    expect(after is not None, f"append_records did not create {NAME}")
    if parse_lines(where, after, "the file") != new:
        fail_in(where, "the file does not hold the records given, one per line",
                expected=new, got=after)

    data = as_file([dumps(r) for r in new])
    sub.probe("write_file", NAME, data)
    where = (f"{describe_call('read_records', (NAME,), {})}   ({NAME} held "
             f"{describe(readable(data), 240)}, default encoding ASCII)")
    seen = sub.probe("under_ascii_default", "read_records", NAME, shown_as="read_records")
    if "unicode_error" in seen:
        fail_in(where, f"read_records raised {seen['unicode_error']}; {hint}")
    expect_records(where, seen["result"], new)


# -- read_records ----------------------------------------------------------------------------

def read(sub, data, *args, **kwargs):
    sub.probe("write_file", NAME, data)
    where = scene("read_records", (NAME, *args), kwargs, data)
    outcome = sub.outcome("read_records", NAME, *args, **kwargs)
    if isinstance(outcome, tuple):
        return outcome[0], where
    if "Extra data" in outcome.message:
        fail_in(where, f"read_records raised {outcome.type}: {outcome.message}. It parses the "
                "whole file as ONE JSON document (json.load); a JSON Lines file holds one "
                "document per line: json.loads each line", got=outcome.message)
    text = f"read_records raised {outcome.type}: {outcome.message}"
    if any(mark in data.decode("utf-8", "replace") for mark in OTHER_LINE_BREAKS):
        text += (". A record here holds U+2028 or U+0085, which JSON leaves as they are but "
                 "str.splitlines() treats as line breaks: split on '\\n' only (or iterate "
                 "the file, which does)")
    if outcome.traceback:
        text += "\n" + outcome.traceback
    fail_in(where, text, got=f"{outcome.type}: {outcome.message}")


def expect_records(where, got, want):
    if isinstance(got, dict):
        fail_in(where, "read_records returned a dict; it should return a list with one dict "
                "per line (json.load reads the whole file as one document)", expected=want,
                got=got)
    expect(isinstance(got, list), f"read_records should return a list, not a "
           f"{type(got).__name__}", expected=want, got=got)
    if got != want:
        fail_in(where, "read_records should return the records of the file's lines, in order",
                expected=want, got=got)


@check("read_records returns the records of the file, in order",
       want=records(), ascii_=st.booleans(), compact=st.booleans())
@example(want=[{"a": 1}, {"名字": "张三"}], ascii_=False, compact=False)
@example(want=[{"a": 1}], ascii_=True, compact=True)
@example(want=[], ascii_=False, compact=False)
@example(want=[{"a": "x\u2028y"}, {"b": ["\x85"]}], ascii_=False, compact=False)
def read_in_order(sub, want, ascii_, compact):
    data = as_file([dumps(r, ascii_, compact) for r in want])
    got, where = read(sub, data)
    expect_records(where, got, want)


@st.composite
def with_blanks(draw):
    want = draw(records(min_size=1))
    lines = [dumps(r) for r in want]
    for _ in range(draw(st.integers(0, 3))):
        lines.insert(draw(st.integers(0, len(lines))), "")
    return want, as_file(lines, final_newline=draw(st.booleans()))


@check("read_records ignores blank lines and accepts a missing final newline",
       case=with_blanks())
@example(case=([{"a": 1}, {"b": 2}], b'{"a": 1}\n\n{"b": 2}\n'))
@example(case=([{"a": 1}, {"b": 2}], b'{"a": 1}\n{"b": 2}'))
@example(case=([{"名字": "张三"}], '\n{"名字": "张三"}\n\n'.encode()))
def read_blank_lines(sub, case):
    want, data = case
    got, where = read(sub, data)
    expect_records(where, got, want)


@st.composite
def with_one_bad_line(draw):
    lines = [dumps(r) for r in draw(records(max_size=4))]
    lines.insert(draw(st.integers(0, len(lines))), draw(bad_lines()))
    return as_file(lines, final_newline=draw(st.booleans()))


@check("read_records raises ValueError on a malformed line (unless skip_invalid=True)",
       data=with_one_bad_line(), how=st.sampled_from(["default", "keyword", "positional"]))
@example(data=b'{"a": 1}\n{"b": 2\n{"c": 3}\n', how="default")
@example(data=b'{"a": 1}\nnot json\n', how="keyword")
def read_rejects_bad_line(sub, data, how):
    args, kwargs = {"default": ((), {}), "keyword": ((), {"skip_invalid": False}),
                    "positional": ((False,), {})}[how]
    sub.probe("write_file", NAME, data)
    where = scene("read_records", (NAME, *args), kwargs, data)
    outcome = sub.outcome("read_records", NAME, *args, **kwargs)
    if isinstance(outcome, tuple):
        fail_in(where, "read_records returned a value, but a line of the file is not valid "
                "JSON: raise ValueError (json.JSONDecodeError is one) unless "
                "skip_invalid=True; skipping it silently hides a damaged file",
                expected="raises ValueError", got=outcome[0])
    if not outcome.is_a("ValueError"):
        fail_in(where, f"read_records should raise ValueError for a malformed line, but it "
                f"raised {outcome.type}: {outcome.message}", expected="raises ValueError",
                got=f"{outcome.type}: {outcome.message}")


@st.composite
def with_bad_lines(draw):
    want = draw(records(max_size=4))
    lines = [dumps(r) for r in want]
    for _ in range(draw(st.integers(0, 2))):
        lines.insert(draw(st.integers(0, len(lines))), draw(bad_lines()))
    for _ in range(draw(st.integers(0, 2))):
        lines.insert(draw(st.integers(0, len(lines))), "")
    final_newline = True
    if draw(st.booleans()):  # the writer was cut off: a torn last line, no final newline
        lines.append(torn(dumps(draw(record)), draw(st.integers(0, 50))))
        final_newline = False
    return want, as_file(lines, final_newline=final_newline)


@check("with skip_invalid=True, read_records skips malformed lines, a torn last line included",
       case=with_bad_lines(), positional=st.booleans())
@example(case=([{"a": 1}, {"b": 2}], b'\n{"a": 1}\n{"b": 2}\n{"c": 3'), positional=False)
@example(case=([{"a": 1}, {"c": 3}], b'{"a": 1}\nnot json\n{"c": 3}\n'), positional=False)
@example(case=([{"b": 2}], b'{"a": 1,}\n\n{"b": 2}\n'), positional=True)
def read_skips_bad_lines(sub, case, positional):
    want, data = case
    if positional:
        got, where = read(sub, data, True)
    else:
        got, where = read(sub, data, skip_invalid=True)
    expect_records(where, got, want)
