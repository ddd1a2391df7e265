"""Checks for exercise 23: save_json and load_json, UTF-8 JSON written safely.

Files live in the worker's working directory; the probes set up the file at `path`, call the
learner's function and report the bytes at `path` and every file or folder left beside it.
Objects are drawn JSON values with Chinese text, an emoji, quotes, backslashes and control
characters. The exact bytes expected are json.dumps(obj, ensure_ascii=False, indent=4) in
UTF-8, with or without a final newline. To make serialising fail, a value json cannot handle
(a set, bytes or an object()) is put deep inside a larger object, after records json.dump
would already have written.
"""

import codecs
import json

from hypothesis import example
from hypothesis import strategies as st

from grader.judge import CheckFailed, check, describe

UNSERIALISABLE = "<an object() json cannot serialise>"  # probes.py swaps in object()
BAD_VALUES = {"set": {1, 2}, "bytes": b"\x00\xff", "object": UNSERIALISABLE}

# Sampled strings, not st.text(): drawing is most of a check's time here, and these hold every
# character that matters (Chinese, an emoji, quotes, a backslash, control characters).
STRINGS = ["", "a", "名字", "张三", "北京", "café", "😀", 'say "hi"', "C:\\temp", "行1\n行2", "\t",
           "\x01", "a/b", "x y"]
texts = st.sampled_from(STRINGS)
scalars = st.one_of(st.integers(-10**6, 10**6), texts,
                    st.sampled_from([True, False, None, 0.5, -2.25, 1e-3, 1e20]))
values = st.one_of(scalars, st.lists(scalars, max_size=3),
                   st.dictionaries(texts, scalars, max_size=3))
objects = st.one_of(st.dictionaries(texts, values, max_size=4), st.lists(values, max_size=4),
                    scalars)
paths = st.sampled_from(["data.json", "配置.json", "out/data.json", "out/结果.json"])
NAMED = {"名字": "张三", "城市": "北京", "note": "café 😀"}


def expected_bytes(obj):
    return json.dumps(obj, ensure_ascii=False, indent=4).encode("utf-8")


def old_file(obj, newline=True):
    return expected_bytes(obj) + (b"\n" if newline else b"")


existing = st.sampled_from([old_file({"名字": "李四", "分数": 99}), old_file([1, 2], newline=False),
                            old_file("张三"), b"", "旧文件 old file\r\n".encode(), b"\xff\xfe\x00"])
olds = st.one_of(st.none(), existing)


@st.composite
def failing(draw):
    """A big object with one value json cannot serialise after some records: (obj, kind)."""
    records = draw(st.lists(st.dictionaries(texts, scalars, max_size=3), min_size=2, max_size=5))
    kind = draw(st.sampled_from(sorted(BAD_VALUES)))
    where = draw(st.integers(1, len(records)))
    records.insert(where, {"名字": "坏值", "value": BAD_VALUES[kind]})
    return {"名字": "张三", "records": records}, kind


# -- failing with the file in view -------------------------------------------------------------

def readable(data):
    if isinstance(data, bytes):
        try:
            return data.decode("utf-8")
        except UnicodeDecodeError:
            return data
    return data


def scene(func, path, obj, old, note=""):
    shown = "" if obj is None else f", {describe(obj, 200)}"
    held = ("did not exist" if old is None else f"held {describe(readable(old), 160)}")
    return f"{func}({path!r}{shown})   ({path} {held}{note})"


def fail_in(where, message, *, expected=None, got=None):
    def shown(value):
        if value is None or isinstance(value, str):
            return value
        return describe(readable(value), 400)

    raise CheckFailed(message, expected=shown(expected), got=shown(got), call=where)


def raised_text(seen):
    return f"{seen['raised']['type']}: {seen['raised']['message']}"


def save(sub, path, obj, old=None, ascii_default=False):
    note = ", default encoding ASCII" if ascii_default else ""
    seen = sub.probe("save", path, obj, old, ascii_default, shown_as="save_json")
    return seen, scene("save_json", path, obj, old, note)


def expect_saved(seen, where, path, obj, old):
    """The call succeeded and the file holds exactly the expected bytes."""
    if seen["raised"] is not None:
        fail_in(where, f"save_json raised {raised_text(seen)}", got=raised_text(seen))
    want, got = expected_bytes(obj), seen["bytes"]
    if got is None:
        fail_in(where, f"save_json did not create {path}", expected=want)
    if got in (want, want + b"\n"):
        return
    if got.startswith(codecs.BOM_UTF8):
        fail_in(where, "the file starts with a byte order mark (BOM): write it with "
                "encoding='utf-8', not 'utf-8-sig'", expected=want, got=got)
    try:
        text = got.decode("utf-8")
    except UnicodeDecodeError:
        fail_in(where, "the file is not UTF-8: open it with encoding='utf-8' (GBK or the "
                "platform's default cannot be read back everywhere)", expected=want, got=got)
    escaped = json.dumps(obj, ensure_ascii=True, indent=4)
    if text in (escaped, escaped + "\n"):
        fail_in(where, "the file has \\uXXXX escapes instead of the characters: pass "
                "ensure_ascii=False to json.dump, so that Chinese stays readable",
                expected=want, got=got)
    if old and got.startswith(old) and len(got) > len(old):
        fail_in(where, "the old content is still at the start of the file: the new JSON was "
                "appended. Replace the file (mode 'w' on a temporary file, then os.replace)",
                expected=want, got=got)
    try:
        back = json.loads(text)
    except ValueError:
        fail_in(where, "the file is not valid JSON", expected=want, got=got)
    if back != obj:
        fail_in(where, "the file does not hold the object given", expected=want, got=got)
    if isinstance(obj, dict) and json.dumps(back) != json.dumps(obj):
        fail_in(where, "the keys are not in the object's order (sort_keys?): keep them as "
                "they are", expected=want, got=got)
    fail_in(where, "the JSON is right but not laid out as json.dump(..., ensure_ascii=False, "
            "indent=4) lays it out (4 spaces per level)", expected=want, got=got)


# -- writing -----------------------------------------------------------------------------------

@check("save_json writes UTF-8 JSON with indent=4 and Chinese as it is (no \\u escapes)",
       path=paths, obj=objects, old=olds)
@example(path="data.json", obj=NAMED, old=None)
@example(path="out/结果.json", obj=[1, {"名字": ["张三", None]}], old=old_file({"旧": 1}))
@example(path="配置.json", obj={"b": 1, "a": {"c": [True, 0.5]}}, old=None)
def writes_utf8(sub, path, obj, old):
    seen, where = save(sub, path, obj, old)
    expect_saved(seen, where, path, obj, old)


@check("load_json reads a UTF-8 JSON file back", obj=objects, path=paths,
       layout=st.sampled_from(["saved", "escaped", "compact"]))
@example(obj=NAMED, path="data.json", layout="saved")
@example(obj=["张三", {"a": None}], path="out/data.json", layout="escaped")
def loads_back(sub, obj, path, layout):
    if layout == "saved":
        data = expected_bytes(obj) + b"\n"
    else:
        data = json.dumps(obj, ensure_ascii=layout == "escaped").encode("utf-8")
    seen = sub.probe("load", path, data, shown_as="load_json")
    where = scene("load_json", path, None, data)
    if seen["raised"] is not None:
        fail_in(where, f"load_json raised {raised_text(seen)}", got=raised_text(seen))
    got = seen["result"]
    if isinstance(got, str) and not isinstance(obj, str):
        fail_in(where, "load_json returned the file's text; parse it with json.load(f)",
                expected=obj, got=got)
    if got != obj or type(got) is not type(obj):
        fail_in(where, "load_json did not return the object the file holds", expected=obj,
                got=got)


@check("reads and writes UTF-8 even where the platform's default encoding is not UTF-8",
       obj=objects, path=paths)
@example(obj=None, path="data.json")
def utf8_whatever_the_platform(sub, obj, path):
    obj = {**NAMED, "data": obj}
    hint = ("open() without encoding= uses the platform's default encoding (GBK on a Chinese "
            "Windows, ASCII here), which cannot hold this text: pass encoding='utf-8'")
    seen, where = save(sub, path, obj, ascii_default=True)
    if seen["raised"] is not None and "UnicodeError" in seen["raised"]["lineage"]:
        fail_in(where, f"save_json raised {raised_text(seen)}; {hint}", got=raised_text(seen))
    expect_saved(seen, where, path, obj, None)

    data = expected_bytes(obj)
    seen = sub.probe("load", path, data, True, shown_as="load_json")
    where = scene("load_json", path, None, data, ", default encoding ASCII")
    if seen["raised"] is not None:
        if "UnicodeError" in seen["raised"]["lineage"]:
            fail_in(where, f"load_json raised {raised_text(seen)}; {hint}",
                    got=raised_text(seen))
        fail_in(where, f"load_json raised {raised_text(seen)}", got=raised_text(seen))
    if seen["result"] != obj:
        fail_in(where, f"load_json did not return the object the file holds; {hint}",
                expected=obj, got=seen["result"])


# -- when json cannot serialise the object -----------------------------------------------------

@check("when serialising fails, a file already at the path is left exactly as it was",
       case=failing(), path=paths, old=existing)
@example(case=({"名字": "张三", "records": [{"a": 1}, {"名字": "坏值", "value": {1, 2}}]}, "set"),
         path="data.json", old=old_file({"名字": "李四", "分数": 99}))
@example(case=({"records": [{"a": "x" * 50}] * 3 + [{"value": UNSERIALISABLE}]}, "object"),
         path="out/结果.json", old=old_file([1, 2, 3]))
def old_file_kept(sub, case, path, old):
    obj, kind = case
    seen, where = save(sub, path, obj, old)
    got = seen["bytes"]
    if got == old:
        raised = seen["raised"]
        if raised is not None and "TypeError" not in raised["lineage"]:
            fail_in(where, f"save_json raised {raised_text(seen)}, not the TypeError json "
                    "raises for this object", expected="raises TypeError, file unchanged",
                    got=raised_text(seen))
        return
    if got is None:
        fail_in(where, f"the old {path} is gone: do not delete it before the new JSON is "
                "safely written; os.replace a finished temporary file onto it", expected=old,
                got=f"{path} does not exist")
    fail_in(where, "json.dump raised half-way (the object holds a "
            f"{'object()' if kind == 'object' else kind} value), and the old file was already "
            "emptied or partly overwritten. Write to a temporary file beside it and os.replace "
            "it onto the path only when the JSON is complete (or json.dumps first)",
            expected=old, got=got)


@check("when serialising fails, the TypeError reaches the caller",
       case=failing(), path=paths, old=olds)
@example(case=({"名字": "张三", "records": [{"a": 1}, {"value": b"\x00\xff"}]}, "bytes"),
         path="data.json", old=None)
def error_propagates(sub, case, path, old):
    obj, kind = case
    seen, where = save(sub, path, obj, old)
    if seen["raised"] is None:
        fail_in(where, "json cannot serialise this object, but save_json returned normally: "
                "let the TypeError reach the caller (clean up, then re-raise), so it knows "
                "nothing was saved", expected="raises TypeError",
                got=f"returned {describe(seen.get('result'))}")
    if "TypeError" not in seen["raised"]["lineage"]:
        fail_in(where, f"save_json should let json's TypeError through, but it raised "
                f"{raised_text(seen)}", expected="raises TypeError", got=raised_text(seen))


@check("leaves no temporary or partial file behind, whether saving works or fails",
       obj=objects, fails=st.one_of(st.none(), failing()), path=paths, old=olds)
@example(obj=NAMED, fails=None, path="data.json", old=None)
@example(obj=None, fails=({"records": [{"a": 1}, {"value": {3}}]}, "set"), path="data.json",
         old=old_file({"a": 1}))
@example(obj=None, fails=({"records": [{"a": 1}, {"value": {3}}]}, "set"), path="out/data.json",
         old=None)
def no_leftovers(sub, obj, fails, path, old):
    if fails is not None:
        obj = fails[0]
    seen, where = save(sub, path, obj, old)
    if not fails and seen["raised"] is not None:
        fail_in(where, f"save_json raised {raised_text(seen)}", got=raised_text(seen))
    if seen["leftovers"]:
        when = "after a failed save" if fails else "after saving"
        fail_in(where, f"{when}, {seen['leftovers'][0]!r} was left behind: remove the "
                "temporary file when anything goes wrong (try/except, then re-raise), and "
                "os.replace it (not copy it) onto the path when all went well",
                expected=f"only {path}" if (old is not None or not fails) else "no new file",
                got=seen["leftovers"])
    if fails and old is None and seen["bytes"] is not None:
        fail_in(where, f"saving failed, yet a {path} was created, holding an unfinished "
                "the JSON: only a complete file may appear at the path", expected=f"no {path}",
                got=seen["bytes"])


@check("makes its temporary file beside the target, so that os.replace never crosses disks",
       obj=objects, path=paths, old=olds)
@example(obj=NAMED, path="out/data.json", old=old_file({"a": 1}))
def temporary_beside_target(sub, obj, path, old):
    seen, where = save(sub, path, obj, old)
    if seen["raised"] is not None:
        fail_in(where, f"save_json raised {raised_text(seen)}", got=raised_text(seen))
    if seen["moved_from"]:
        fail_in(where, f"the file moved onto {path} was written in another folder "
                f"({seen['moved_from'][0]}). os.replace cannot move a file to another disk "
                "(OSError: Invalid cross-device link), and /tmp often is one: make the "
                "temporary file in the target's own folder, "
                "tempfile.mkstemp(dir=os.path.dirname(os.path.abspath(path)))",
                expected=f"a temporary file in the folder of {path}",
                got=seen["moved_from"][0])
