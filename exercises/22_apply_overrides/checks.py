"""Checks for exercise 22: apply_overrides, setattr and getattr along dotted paths.

Nested objects are drawn as plain descriptions ({"kind": "ns" | "obj", "attrs": {...}}): the
probe builds them in the worker (SimpleNamespace or a small class), calls apply_overrides and
describes them again. Expected states are computed here on the descriptions. Paths in one call
never overlap (none is a prefix of another), so the order they are applied in cannot matter.
Leaves include None, 0, False, "" and []: attributes that exist but are falsy.
"""

import copy

from hypothesis import assume, example
from hypothesis import strategies as st

from grader.judge import CheckFailed, check, describe

NAMES = ["lr", "model", "optim", "depth", "name", "data", "x", "y", "学习率"]
MISSING = ["lrate", "typo", "modle", "dpeth"]  # never an attribute of a node, int, str or list

# sampled, not built from integers() and text(): drawing is most of a check's time here
leaves = st.sampled_from([0, 1, 7, -3, 0.5, None, True, False, "", "ab", "名", [], [1, 2]])
new_values = st.sampled_from([1000, 2024, -1.5, "新值", "xyz", [3, 4, 5], (6,), 0.001])


def trees(depth=2):
    children = leaves if depth == 0 else st.one_of(leaves, trees(depth - 1))
    return st.fixed_dictionaries({
        "kind": st.sampled_from(["ns", "obj"]),
        "attrs": st.dictionaries(st.sampled_from(NAMES), children, min_size=1, max_size=3),
    })


TREES = trees()


def is_node(value):
    return isinstance(value, dict)


def paths_in(tree, prefix=()):
    """Every attribute path of the tree, depth first: (segments, value)."""
    for name, value in tree["attrs"].items():
        yield (*prefix, name), value
        if is_node(value):
            yield from paths_in(value, (*prefix, name))


def overlaps(a, b):
    short = min(len(a), len(b))
    return a[:short] == b[:short]


def disjoint(paths):
    kept = []
    for path in paths:
        if not any(overlaps(path, other) for other in kept):
            kept.append(path)
    return kept


@st.composite
def invalid_paths(draw, tree, how=None):
    """A path with a missing attribute: the last one, one in the middle, or one under a leaf."""
    every = list(paths_in(tree))
    nodes = [()] + [p for p, v in every if is_node(v)]
    leaf_paths = [p for p, v in every if not is_node(v)]
    how = how or draw(st.sampled_from(["last", "middle", "under_leaf"]))
    if how == "under_leaf" and leaf_paths:
        return (*draw(st.sampled_from(leaf_paths)), draw(st.sampled_from(NAMES + MISSING)))
    base = draw(st.sampled_from(nodes))
    tail = draw(st.lists(st.sampled_from(NAMES), min_size=1, max_size=2)) if how == "middle" else []
    return (*base, draw(st.sampled_from(MISSING)), *tail)


@st.composite
def cases(draw, valid=(0, 4), invalid=(0, 0)):
    """(tree, overrides, bad paths): `valid` and `invalid` bound how many of each."""
    tree = draw(TREES)
    every = [p for p, _ in paths_in(tree)]
    good = draw(st.lists(st.sampled_from(every), min_size=valid[0], max_size=valid[1]))
    bad = [draw(invalid_paths(tree)) for _ in range(draw(st.integers(*invalid)))]
    chosen = list(good)
    for path in bad:
        chosen.insert(draw(st.integers(0, len(chosen))), path)
    chosen = disjoint(chosen)
    bad = [p for p in chosen if p in bad]
    assume(len(bad) >= invalid[0] and len(chosen) - len(bad) >= valid[0])
    overrides = {".".join(p): draw(new_values) for p in chosen}
    return tree, overrides, [".".join(p) for p in bad]


def applied(tree, overrides):
    """The description after setting every path (all valid)."""
    tree = copy.deepcopy(tree)
    for path, value in overrides.items():
        *parents, last = path.split(".")
        node = tree
        for name in parents:
            node = node["attrs"][name]
        node["attrs"][last] = value
    return tree


def flat(tree, prefix=""):
    """{"model.lr": 0.1, ...}: the leaves of a description, for showing to the learner."""
    out = {}
    for name, value in tree["attrs"].items():
        path = f"{prefix}{name}"
        if is_node(value):
            out.update(flat(value, path + ".") or {path: "(no attributes)"})
        else:
            out[path] = value
    return out


def value_at(tree, path):
    node = tree
    for name in path.split("."):
        node = node["attrs"][name]
    return node


def scene(tree, overrides):
    return f"apply_overrides(obj, {describe(overrides, 200)})   # obj = {describe(flat(tree), 300)}"


def fail_in(where, message, *, expected=None, got=None):
    def shown(value):
        return value if value is None or isinstance(value, str) else describe(value, 400)

    raise CheckFailed(message, expected=shown(expected), got=shown(got), call=where)


def dotted_names(state, prefix=""):
    """Attribute names that contain a dot: created by setattr(obj, "a.b", value)."""
    found = []
    for name, value in state["attrs"].items():
        if "." in name:
            found.append(prefix + name)
        if is_node(value):
            found += dotted_names(value, f"{prefix}{name}.")
    return found


def added_names(before, after, prefix=""):
    """Attributes in `after` that `before` did not have."""
    found = []
    for name, value in after["attrs"].items():
        if name not in before["attrs"]:
            found.append(prefix + name)
        elif is_node(value) and is_node(before["attrs"][name]):
            found += added_names(before["attrs"][name], value, f"{prefix}{name}.")
    return found


def run(sub, tree, overrides, read_only=False):
    seen = sub.probe("apply", tree, overrides, read_only, shown_as="apply_overrides")
    where = scene(tree, overrides)
    if read_only:
        where += "; overrides given as a read-only Mapping, not a dict"
    return seen, where


def raised_text(seen):
    return f"{seen['raised']['type']}: {seen['raised']['message']}"


# -- valid overrides ---------------------------------------------------------------------------

FALSY = {"kind": "ns", "attrs": {
    "model": {"kind": "obj", "attrs": {"depth": 0, "name": None}},
    "optim": {"kind": "ns", "attrs": {"lr": None, "x": False, "y": ""}},
    "data": [],
}}
DEEP = {"kind": "obj", "attrs": {
    "model": {"kind": "ns", "attrs": {"optim": {"kind": "obj", "attrs": {"lr": 1, "x": 2}},
                                      "lr": 5}},
    "lr": 3,
}}


@check("sets the attribute at the end of each dotted path, walking with getattr",
       case=cases(valid=(1, 4)), read_only=st.booleans())
@example(case=(DEEP, {"model.optim.lr": 1000}, []), read_only=False)
@example(case=(DEEP, {"lr": 1000, "model.optim.x": 2000, "model.lr": 3000}, []), read_only=False)
@example(case=(FALSY, {"model.name": 1000, "optim.lr": 2000}, []), read_only=False)
@example(case=(FALSY, {"model.depth": 1000, "optim.y": "新xyz", "data": [1, 2, 3]}, []),
         read_only=True)
def sets_values(sub, case, read_only):
    tree, overrides, _ = case
    seen, where = run(sub, tree, overrides, read_only)
    want = applied(tree, overrides)
    if seen["raised"] is not None and read_only and "ReadOnlyOverrides" in raised_text(seen):
        fail_in(where, f"it raised {raised_text(seen)}, given overrides as a read-only Mapping "
                "that is not a dict. `overrides` may be any Mapping: read it with .items(), "
                "[] and `in`, but do not count on .copy(), .pop() or item assignment (copy it "
                "with dict(overrides) if you must)", got=raised_text(seen))
    if seen["raised"] is not None:
        falsy = [p for p in overrides for n in range(1, p.count(".") + 2)
                 if not value_at(tree, ".".join(p.split(".")[:n]))]
        if seen["raised"]["type"] == "AttributeError" and falsy:
            fail_in(where, f"every path exists, but it raised {raised_text(seen)}. "
                    f"{falsy[0]!r} holds {value_at(tree, falsy[0])!r}: an attribute that holds "
                    "None, 0, False or '' still exists. Test with hasattr(obj, name), not with "
                    "getattr(obj, name, None) or its truth value", got=raised_text(seen))
        fail_in(where, f"every path exists, but it raised {raised_text(seen)}: walk each "
                "path from the object: split it on '.', getattr every name but the last, then "
                "setattr the last", got=raised_text(seen))
    got = seen["state"]
    dotted = dotted_names(got)
    if dotted:
        fail_in(where, f"an attribute literally named {dotted[0]!r} was created: setattr does "
                "not follow dots. Split the path on '.', getattr your way to the parent and "
                "setattr the last name there", expected=flat(want), got=flat(got))
    if got != want:
        fail_in(where, "the objects do not hold the new values at the paths given (and the "
                "old ones everywhere else)", expected=flat(want), got=flat(got))
    if seen["replaced"]:
        fail_in(where, f"the object at {seen['replaced'][0]!r} was replaced by another one: "
                "set the attribute on the existing objects, do not rebuild them")


# -- invalid overrides -------------------------------------------------------------------------

def expect_attribute_error(seen, where, bad, tree):
    if seen["raised"] is None:
        fail_in(where, f"{bad[0]!r} does not exist, but no exception was raised: raise "
                "AttributeError", expected="raises AttributeError",
                got=f"returned {describe(seen['result'])}")
    if "AttributeError" not in seen["raised"]["lineage"]:
        fail_in(where, f"a missing attribute should raise AttributeError, not "
                f"{seen['raised']['type']}", expected="AttributeError", got=raised_text(seen))


@check("raises AttributeError naming the path when an attribute on it does not exist",
       case=cases(valid=(0, 3), invalid=(1, 1)))
@example(case=(DEEP, {"model.typo.lr": 1000}, ["model.typo.lr"]))
@example(case=(DEEP, {"model.optim.typo": 1000}, ["model.optim.typo"]))
@example(case=(DEEP, {"lr": 1000, "model.lr.x": 2000}, ["model.lr.x"]))
@example(case=(FALSY, {"typo": 1000}, ["typo"]))
def names_the_path(sub, case):
    tree, overrides, bad = case
    seen, where = run(sub, tree, overrides)
    expect_attribute_error(seen, where, bad, tree)
    message = seen["raised"]["message"]
    if bad[0] not in message:
        fail_in(where, f"the AttributeError should name the path {bad[0]!r}, so that whoever "
                "wrote the override can find the typo: raise AttributeError with a message "
                "that includes the whole dotted path", expected=f"a message with {bad[0]!r}",
                got=raised_text(seen))


@st.composite
def missing_last(draw):
    """One override whose objects all exist but whose last attribute does not."""
    tree = draw(TREES)
    path = ".".join(draw(invalid_paths(tree, how="last")))
    return tree, {path: draw(new_values)}, [path]


@check("creates no new attribute: a missing last attribute is an error too",
       case=missing_last())
@example(case=(DEEP, {"model.optim.typo": 1000}, ["model.optim.typo"]))
@example(case=(DEEP, {"lrate": 1000}, ["lrate"]))
def no_new_attributes(sub, case):
    tree, overrides, bad = case
    seen, where = run(sub, tree, overrides)
    added = added_names(tree, seen["state"])
    if added:
        fail_in(where, f"a new attribute {added[0]!r} was created. setattr creates any "
                "attribute it is given, so a typo in an override would be silently ignored: "
                "check with hasattr that the last attribute exists before setting it",
                expected="raises AttributeError, objects unchanged", got=flat(seen["state"]))
    expect_attribute_error(seen, where, bad, tree)
    if seen["state"] != tree:
        fail_in(where, "the objects changed although the override was invalid",
                expected=flat(tree), got=flat(seen["state"]))


@check("applies nothing when any path is invalid",
       case=cases(valid=(1, 4), invalid=(1, 2)))
@example(case=(DEEP, {"lr": 1000, "model.optim.typo": 2000}, ["model.optim.typo"]))
@example(case=(DEEP, {"model.lr": 1000, "model.optim.x": 2000, "typo.lr": 3000}, ["typo.lr"]))
@example(case=(FALSY, {"model.depth": 1000, "optim.lrate": 2000, "data": 3000},
               ["optim.lrate"]))
def all_or_nothing(sub, case):
    tree, overrides, bad = case
    seen, where = run(sub, tree, overrides)
    got = seen["state"]
    if got != tree:
        before, after = flat(tree), flat(got)
        changed = [p for p, v in before.items() if after.get(p, v) != v]
        added = added_names(tree, got)
        what = (f"{changed[0]!r} was changed" if changed
                else f"a new attribute {added[0]!r} was created" if added
                else "the objects changed")
        fail_in(where, f"{bad[0]!r} is invalid, yet {what}: check EVERY path first, and only "
                "then set them all, so that a bad override leaves the objects as they were",
                expected=before, got=after)
    expect_attribute_error(seen, where, bad, tree)
