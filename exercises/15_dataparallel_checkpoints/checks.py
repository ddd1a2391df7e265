"""Checks for exercise 15: strip_module_prefix and unwrap_model."""

from collections import OrderedDict

import torch
from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect, expect_close, expect_type, fail

from . import reference

PREFIX = "module."

# Name parts chosen to trip the usual shortcuts: "module" deeper in a name, "modules",
# "module_head" (a regex with an unescaped dot), "model"/"decoder" (str.lstrip eats them), unicode.
PARTS = ["module", "modules", "module_head", "encoder", "decoder", "model", "mod", "ule",
         "0", "1", "weight", "bias", "running_mean", "模块", "módulo", "ë"]


def _strip_key(key):
    return key[len(PREFIX):] if key.startswith(PREFIX) else key


names = st.lists(st.sampled_from(PARTS), min_size=1, max_size=4).map(".".join)
keys_ = st.builds(lambda n, name: PREFIX * n + name, st.integers(0, 3), names)
key_lists = st.lists(keys_, max_size=6, unique_by=_strip_key)
seeds = st.integers(0, 2**31 - 1)


def _state_dict(keys, seed):
    g = torch.Generator().manual_seed(seed)
    return OrderedDict((k, torch.randn(i + 2, generator=g)) for i, k in enumerate(keys))


def _why(old, new, got):
    """Why `old` should have become `new`; `got` is what the result holds in its place, if known."""
    became = f", but the result has {got!r} in its place" if got is not None else ""
    if not old.startswith(PREFIX):
        head = (f"{old!r} does not start with \"module.\", so it must stay exactly as it is"
                f"{became}")
    else:
        head = f"{old!r} should become {new!r}{became}"
    every = old
    while every.startswith(PREFIX):
        every = every[len(PREFIX):]
    # Name the shortcut only when this key tells it apart from the others.
    if got is not None and not old.startswith(PREFIX) and got == old[len(PREFIX):]:
        dot = (" (\"module\" without the dot is not enough; in a regular expression, escape "
               "the dot: r\"^module\\.\")" if old.startswith("module") else "")
        return (head + ": only a key that starts with \"module.\" loses its first 7 characters"
                + dot)
    if got is not None and got not in (every, old.replace(PREFIX, "")) \
            and got == old.lstrip("module."):
        return (head + ": str.lstrip(\"module.\") strips any of the characters m, o, d, u, l, "
                "e and \".\" from the start, not the prefix \"module.\"")
    if got is not None and got != every and got == old.replace(PREFIX, ""):
        return (head + ": str.replace removes \"module.\" everywhere in the name, but only the "
                "leading one belongs to the wrapper")
    if not old.startswith(PREFIX):
        return (head + " (\"modules.\", \"model.\" or a \"module\" further in are not "
                "the prefix)")
    if new.startswith(PREFIX):
        return head + ": remove only ONE leading \"module.\"; what follows is the model's own name"
    if "module" in new:
        return (head + ": only the LEADING \"module.\" comes off; a \"module\" further in "
                "is the name of a real submodule")
    return head + ": remove the leading \"module.\" and nothing else"


def _check_keys(got, keys):
    """The result is a dict with exactly the renamed keys; returns the expected key order."""
    expect_type(got, dict, "strip_module_prefix's result")
    expected = [_strip_key(k) for k in keys]
    wanted = set(expected)
    got_keys = list(got)
    # When the lengths match and every right key sits in its place, a wrong key at position i
    # is what became of keys[i]: show it.
    paired = len(got_keys) == len(keys) and all(
        g == e for g, e in zip(got_keys, expected, strict=True) if g in wanted)
    lost = ""
    if len(got_keys) < len(keys):
        lost = (f" (only {len(got_keys)} of the {len(keys)} keys came back: renaming keys in "
                "place can overwrite a key not renamed yet; build a new dict)")
    for i, (old, new) in enumerate(zip(keys, expected, strict=True)):
        if new not in got:
            fail(_why(old, new, got_keys[i] if paired else None)
                 + ("" if paired else "; that key is missing from the result") + lost,
                 expected=expected, got=got_keys)
    extra = [k for k in got_keys if k not in wanted]
    if extra:
        fail(f"the result has keys that should not be there: {extra!r}",
             expected=expected, got=got_keys)
    return expected


@check("removes one leading \"module.\" from each key that starts with it, other keys unchanged",
       keys=key_lists, seed=seeds)
@example(keys=["module.encoder.module.weight", "module.encoder.module.bias", "head.weight"], seed=1)
@example(keys=["module.module.fc.weight", "module.fc.bias"], seed=2)
@example(keys=["model.weight", "decoder.bias", "module.encoder.weight"], seed=3)
@example(keys=["module_head.weight", "module.x.bias"], seed=4)
@example(keys=["modules.0.weight", "module", "module.0.bias"], seed=5)
def renames_keys(sub, keys, seed):
    sd = _state_dict(keys, seed)
    got = sub.call("strip_module_prefix", sd)
    _check_keys(got, keys)
    want = reference.strip_module_prefix(sd)
    for old, new in zip(keys, want, strict=True):
        expect_close(got[new], want[new], f"the tensor under {new!r} (was {old!r})",
                     rtol=0, atol=0)


@check("keeps the keys in their original order", keys=key_lists, seed=seeds)
@example(keys=["b.weight", "module.a.weight", "module.c.bias"], seed=1)
@example(keys=["module.fc.weight", "module.conv.weight", "module.bn.running_mean"], seed=2)
def keeps_order(sub, keys, seed):
    got = sub.call("strip_module_prefix", _state_dict(keys, seed))
    expected = _check_keys(got, keys)
    expect(list(got) == expected,
           "the keys are right but their order changed; keep the order of the state_dict you "
           "were given (build the result while walking state_dict.items())",
           expected=expected, got=list(got))


@check("keeps the very same tensor objects (no copies)", keys=key_lists)
@example(keys=["module.0.weight", "module.0.bias", "head.weight"])
def same_tensors(sub, keys):
    new_keys = [_strip_key(k) for k in keys]
    seen = sub.probe("strip_a_state_dict", keys=keys)
    expect(seen["is_dict"],
           f"strip_module_prefix should return an OrderedDict or a dict, but returned a "
           f"{seen['result_type']}")
    for old, new, same in zip(keys, new_keys, seen["same"], strict=True):
        expect(same != "missing", f"the key {new!r} (from {old!r}) is missing from the result",
               expected=new_keys, got=seen.get("keys"))
        expect(same is True,
               f"the tensor under {new!r} is a copy of the one under {old!r}, not the same "
               "object; only the keys change, so put the original tensor in the new dict "
               "(no .clone(), .detach() or torch.tensor(...))")


@check("accepts any Mapping, not only a dict", keys=key_lists)
@example(keys=["module.0.weight", "module.0.bias", "head.weight"])
def any_mapping(sub, keys):
    new_keys = [_strip_key(k) for k in keys]
    given = (f"a state_dict that is a read-only Mapping but not a dict (keys {keys!r}; no "
             "copy(), pop() or item assignment, no constructor without arguments)")
    seen = sub.probe("strip_a_state_dict", keys=keys, as_mapping=True)
    if "error" in seen:
        fail(f"given {given}, strip_module_prefix raised {seen['error']}. The state_dict may "
             "be any Mapping: read it only with .items(), .keys() or [key], and build the "
             "result as a new OrderedDict (not type(state_dict)() or state_dict.copy())",
             expected=new_keys, got=seen["error"])
    expect(seen["is_dict"],
           f"given {given}, strip_module_prefix returned a {seen['result_type']}; return a "
           "new OrderedDict (or dict)", expected="OrderedDict", got=seen["result_type"])
    expect(seen["keys"] == new_keys,
           f"given {given}, strip_module_prefix returned the keys {seen['keys']!r}",
           expected=new_keys, got=seen["keys"])
    expect(all(same is True for same in seen["same"]),
           f"given {given}, strip_module_prefix put copies of the tensors in the result; keep "
           "the very same tensor objects")


sizes = st.lists(st.integers(1, 9), min_size=3, max_size=3, unique=True)


@check("the result loads into the unwrapped model with load_state_dict(strict=True)",
       sizes=sizes, seed=seeds, wrapped=st.booleans())
@example(sizes=[3, 4, 2], seed=7, wrapped=True)
@example(sizes=[3, 4, 2], seed=7, wrapped=False)
def loads_strictly(sub, sizes, seed, wrapped):
    seen = sub.probe("save_strip_and_load", layer_sizes=sizes, seed=seed,
                     wrapped_in_dataparallel=wrapped)
    how = "nn.DataParallel(model)" if wrapped else "the bare model"
    if "error" in seen:
        fail(f"the checkpoint saved from {how} did not load into the bare model with "
             f"strict=True: {seen['error']}",
             expected=[_strip_key(k) for k in seen["given"]], got=seen.get("keys"))
    expect(not seen.get("missing"),
           f"the checkpoint saved from {how} is missing entries the model needs: "
           f"{seen.get('missing')!r} (BatchNorm even hides a missing num_batches_tracked from a "
           "strict load); keep every key, only rename it",
           expected=[_strip_key(k) for k in seen["given"]], got=seen.get("keys"))
    expect(not seen["differ"],
           f"the checkpoint loaded, but these entries came back with other values: "
           f"{seen['differ']!r}")


LINEAR = "nn.Linear(3, 2)"
SEQUENTIAL = "nn.Sequential(Linear, ReLU, Linear)"
HOLDER = "a plain nn.Module with a child named 'module'"
inner_kinds = st.sampled_from([LINEAR, SEQUENTIAL, HOLDER])


@check("unwrap_model returns the model inside nn.DataParallel", kind=inner_kinds)
@example(kind=HOLDER)
def unwraps_dataparallel(sub, kind):
    seen = sub.probe("unwrap_model_of", wrapper="nn.DataParallel", model=kind)
    expect(seen["is_inner"],
           f"for an nn.DataParallel, unwrap_model should return its .module (the very same "
           f"object), but it returned {seen['what']}")


@check("unwrap_model returns the model inside DistributedDataParallel", kind=inner_kinds)
@example(kind=HOLDER)
def unwraps_ddp(sub, kind):
    seen = sub.probe("unwrap_model_of", wrapper="DistributedDataParallel", model=kind)
    expect(seen["is_inner"],
           f"for a DistributedDataParallel, unwrap_model should return its .module (the very "
           f"same object), but it returned {seen['what']}; DDP is not a subclass of "
           "nn.DataParallel, so check for both")


@check("unwrap_model returns any other model itself", kind=inner_kinds)
@example(kind=HOLDER)
def leaves_plain_model(sub, kind):
    seen = sub.probe("unwrap_model_of", wrapper=None, model=kind)
    hint = ("; this model merely has a child named `module`, it is not a DataParallel or "
            "DistributedDataParallel wrapper, so ask what type it is, not whether it has "
            "a .module" if kind == HOLDER else "")
    expect(seen["is_model"],
           f"for a model that is not wrapped, unwrap_model should return that same model, "
           f"but it returned {seen['what']}{hint}")
