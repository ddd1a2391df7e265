"""Checks for exercise 20: one property per promise of drop_keys.

Most checks pass a dict; one passes a ReadOnlyMapping, a Mapping that is not a dict (no copy,
pop or update), because the contract takes any Mapping.
"""

from hypothesis import example
from hypothesis import strategies as st

from grader.judge import OneShot, ReadOnlyMapping, check, expect, expect_equal, fail

from . import reference

keys_ = st.one_of(st.integers(-3, 3), st.text("abcxyz", max_size=2))
dicts = st.dictionaries(keys_, st.integers(0, 9), max_size=6)
key_lists = st.lists(keys_, max_size=5)


@check("removes exactly the given keys", d=dicts, keys=key_lists)
@example(d={"a": 1, "b": 2, "c": 3}, keys=["a"])
def removes_given_keys(sub, d, keys):
    got = sub.call("drop_keys", d, keys)
    expect_equal(got, reference.drop_keys(d, keys), ordered=False)


@check("keeps the remaining keys in their original order", d=dicts, keys=key_lists)
@example(d={"b": 1, "a": 2, 3: 3, 1: 4}, keys=[3])
def keeps_order(sub, d, keys):
    got = sub.call("drop_keys", d, keys)
    expect_equal(got, reference.drop_keys(d, keys), ordered=True)


absent_keys = st.lists(st.text("pqr", min_size=3, max_size=3), min_size=1, max_size=3)


@check("ignores keys that are not present", d=dicts, missing=absent_keys)
@example(d={"a": 1}, missing=["zzz"])
def ignores_missing(sub, d, missing):
    got = sub.call("drop_keys", d, missing)
    expect_equal(got, dict(d))


@check("leaves the caller's dict unchanged", d=dicts, keys=key_lists)
@example(d={"a": 1, "b": 2}, keys=["a"])
def input_unchanged(sub, d, keys):
    seen = sub.probe("call_and_watch", d, keys, shown_as="drop_keys")
    expect(seen["input_unchanged"], "drop_keys changed the dict it was given; build a new one",
           expected=d, got=seen["input_after"])


@check("returns a new dict, not the caller's", d=dicts, keys=key_lists)
@example(d={"a": 1}, keys=[])
def returns_new_dict(sub, d, keys):
    seen = sub.probe("call_and_watch", d, keys, shown_as="drop_keys")
    expect(seen["result_type"] == "dict",
           f"drop_keys should return a dict, but returned a {seen['result_type']}")
    expect(not seen["is_input"],
           "drop_keys returned the very dict it was given; the caller expects a new one")


@check("reads `keys` only once (works with a one-shot iterator)", d=dicts, keys=key_lists)
@example(d={"a": 1, "b": 2, "c": 3}, keys=["c", "a"])
def one_shot_keys(sub, d, keys):
    got = sub.call("drop_keys", d, OneShot(tuple(keys)))
    expect_equal(got, reference.drop_keys(d, keys), ordered=False)


@check("accepts any Mapping, not only a dict", d=dicts, keys=key_lists)
@example(d={"a": 1, "b": 2, "c": 3}, keys=["b", "zzz"])
def any_mapping(sub, d, keys):
    mapping = ReadOnlyMapping(d)
    outcome = sub.outcome("drop_keys", mapping, keys)
    want = reference.drop_keys(d, keys)
    if not isinstance(outcome, tuple):
        text = (f"drop_keys raised {outcome.type}: {outcome.message}, given d = {mapping!r}, "
                "a read-only Mapping that is not a dict. `d` may be any Mapping (a config "
                "object, a read-only view): it has keys(), items(), d[k] and `in`, but need "
                "not have .copy(), .pop(), .update() or del. Build the new dict from d.items(), "
                "or copy it first with dict(d)")
        if outcome.traceback:
            text += "\n" + outcome.traceback
        fail(text, expected=want, got=f"{outcome.type}: {outcome.message}")
    got = outcome[0]
    expect(type(got) is dict,
           f"given d = {mapping!r}, a Mapping that is not a dict, drop_keys should still "
           "return a new dict", expected=want, got=got)
    expect_equal(got, want, ordered=True)
