"""Checks for exercise 02: get_cfg_defaults and load_config on top of yacs' CfgNode.

A CfgNode cannot cross from the worker, so the probes report every config as nested plain
dicts whose leaves keep their Python types; values are compared strictly (90 is not 90.0:
yacs itself refuses an override whose type differs from the default's). YAML files are
written into the worker's working directory by ``probes.write_files`` before load_config runs.
"""

import yaml
from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect, fail

DEFAULTS = {
    "MODEL": {"NAME": "resnet18", "NUM_CLASSES": 10},
    "SOLVER": {"LR": 0.1, "MAX_EPOCHS": 90},
    "DATA": {"MEAN": [0.485, 0.456, 0.406], "STD": [0.229, 0.224, 0.225]},
    "OUTPUT_DIR": "./output",
}
SECTIONS = ("MODEL", "SOLVER", "DATA")
FILE = "config.yaml"


def floats(values):
    return st.lists(st.sampled_from(values), min_size=1, max_size=3)


LEAVES = {
    "MODEL.NAME": st.sampled_from(["resnet50", "vgg16", "mobilenet_v2", "vit_b_16"]),
    "MODEL.NUM_CLASSES": st.integers(2, 1000).filter(lambda v: v != 10),
    "SOLVER.LR": st.sampled_from([0.5, 0.01, 0.001, 0.0001, 1.0, 0.25, 0.05]),
    "SOLVER.MAX_EPOCHS": st.integers(1, 300).filter(lambda v: v != 90),
    "DATA.MEAN": floats([0.5, 0.25, 0.45, 0.0]),
    "DATA.STD": floats([0.5, 0.25, 1.0, 0.2]),
    "OUTPUT_DIR": st.sampled_from(["./runs/exp1", "/tmp/out", "output_2", "./输出"]),
}
KEYS = list(LEAVES)


# ---- building inputs ---------------------------------------------------------------------


def applied(overrides):
    """DEFAULTS with the dotted-key overrides applied (a new nested dict)."""
    result = {k: dict(v) if isinstance(v, dict) else v for k, v in DEFAULTS.items()}
    for key, value in overrides.items():
        *parents, last = key.split(".")
        node = result
        for parent in parents:
            node = node[parent]
        node[last] = value
    return result


def nested(overrides):
    """{"SOLVER.LR": 0.5} -> {"SOLVER": {"LR": 0.5}}, for yaml.safe_dump."""
    tree = {}
    for key, value in overrides.items():
        *parents, last = key.split(".")
        node = tree
        for parent in parents:
            node = node.setdefault(parent, {})
        node[last] = value
    return tree


YAML_HEADER = "# 实验配置: experiment config\n"  # real config files hold non-ASCII comments


def yaml_text(tree):
    """The file as people write it: UTF-8 with a Chinese comment, non-ASCII values unescaped."""
    return YAML_HEADER + yaml.safe_dump(tree, sort_keys=False, default_flow_style=False,
                                        allow_unicode=True)


def opt_text(value):
    """How a value is written on a command line: yacs reads it back with literal_eval."""
    return value if isinstance(value, str) else repr(value)


def opts_list(overrides):
    return [part for key, value in overrides.items() for part in (key, opt_text(value))]


@st.composite
def overrides(draw, min_size=1):
    keys = draw(st.lists(st.sampled_from(KEYS), min_size=min_size, max_size=4, unique=True))
    return {key: draw(LEAVES[key]) for key in keys}


@st.composite
def file_and_opts(draw):
    """File overrides and opts overrides that set at least one key to different values."""
    from_file = draw(overrides())
    shared = draw(st.sampled_from(sorted(from_file)))
    other = draw(LEAVES[shared].filter(lambda v: v != from_file[shared]))
    from_opts = draw(overrides(min_size=0))
    from_opts[shared] = other
    return from_file, from_opts


styles = st.sampled_from(["positional", "keywords"])


def call_args(path, opts, style):
    if style == "positional":
        return (path, opts), {}
    kwargs = {}
    if path is not None:
        kwargs["yaml_path"] = path
    if opts is not None:
        kwargs["opts"] = opts
    return (), kwargs


def shown_call(path, opts):
    parts = []
    if path is not None:
        parts.append(repr(path))
    if opts is not None:
        parts.append(f"opts={opts!r}")
    return f"load_config({', '.join(parts)})"


def with_file(text):
    return f"\n{FILE} held:\n{text.rstrip()}" if text else ""


def load(sub, path, opts, style, text=None):
    if text is not None:
        sub.probe("write_files", {FILE: text}, shown_as="writing " + FILE)
    args, kwargs = call_args(path, opts, style)
    return sub.probe("load", *args, shown_as="load_config", **kwargs)


# ---- comparing configs -------------------------------------------------------------------


def kind(value):
    return type(value).__name__


def difference(got, want, path=""):
    """The first way `got` differs from `want`, in words, or None."""
    if isinstance(want, dict):
        if not isinstance(got, dict):
            return f"{path} should be a section (a CfgNode), but it is {got!r} ({kind(got)})"
        for key in want:
            if key not in got:
                return f"the key {_join(path, key)} is missing"
        for key in got:
            if key not in want:
                return f"there is an unexpected key {_join(path, key)}"
        for key in want:
            found = difference(got[key], want[key], _join(path, key))
            if found:
                return found
        return None
    if type(got) is not type(want):
        if isinstance(got, tuple) and isinstance(want, list):
            return (f"{path} is the tuple {got!r}, expected the list {want!r}: write it as a "
                    "list, the type YAML files and the command line give it")
        return (f"{path} is {got!r} (a {kind(got)}), expected {want!r} (a {kind(want)}); "
                "yacs refuses an override whose type differs from the default's")
    if isinstance(want, list):
        if len(got) != len(want) or any(type(g) is not type(w) for g, w in zip(got, want,
                                                                                strict=False)):
            return f"{path} is {got!r}, expected {want!r}"
    if got != want:
        return f"{path} is {got!r}, expected {want!r}"
    return None


def _join(path, key):
    return f"{path}.{key}" if path else str(key)


def expect_cfgnode(seen, what):
    if not seen["is_cfgnode"]:
        fail(f"{what} should return a yacs CfgNode, but it returned a {seen['type']}",
             expected="CfgNode", got=seen["type"])
    for section in SECTIONS:
        node_type = seen["nodes"].get(section)
        if node_type is not None and node_type != "CfgNode":
            fail(f"in the config {what} returned, {section} is a {node_type}, not a CfgNode: "
                 "a plain dict has no attribute access, no freeze() and no type checks. "
                 f"Define it as `_C.{section} = CN()`, and merge a YAML file with "
                 "cfg.merge_from_file(yaml_path), never with update() or assignment",
                 expected="CfgNode", got=node_type)


def expect_values(seen, want, what, context=""):
    found = difference(seen["values"], want)
    expect(found is None, f"{what}: {found}{context}", expected=want, got=seen["values"])


# ---- get_cfg_defaults --------------------------------------------------------------------


@check("get_cfg_defaults() returns a CfgNode holding exactly the default keys and values")
def default_values(sub):
    seen = sub.probe("defaults", shown_as="get_cfg_defaults")
    expect_cfgnode(seen, "get_cfg_defaults()")
    expect_values(seen, DEFAULTS, "in get_cfg_defaults()")


@check("get_cfg_defaults() returns a new, independent copy on every call")
def fresh_copy(sub):
    seen = sub.probe("independence", shown_as="get_cfg_defaults")
    expect(not seen["same_object"],
           "get_cfg_defaults() returned the same object twice: every caller shares (and can "
           "change) one config. Return a copy: _C.clone(), made inside the function",
           expected="a new CfgNode each call", got="the same object")
    expect(seen["error"] is None and not seen["frozen"],
           "a config from get_cfg_defaults() refused to be changed "
           f"({seen['error'] or 'it is frozen'}): the defaults should come unfrozen, "
           "load_config freezes its own copy", got=seen["error"] or "frozen")
    for label, later in (("an earlier result", seen["second_after"]),
                         ("the next call's result", seen["third"])):
        found = difference(later["values"], DEFAULTS)
        expect(found is None,
               f"changing one result of get_cfg_defaults() (every key, DATA.MEAN[0] = 9.0 and "
               f"DATA.STD.append(9.0) too) also changed {label}: {found}. The results share "
               "nodes or lists; clone() copies the whole tree (a deep copy)",
               expected=DEFAULTS, got=later["values"])


# ---- load_config -------------------------------------------------------------------------


@check("load_config() with no file and no opts returns the defaults",
       style=st.sampled_from(["omitted", "positional", "keywords"]))
def load_defaults(sub, style):
    if style == "omitted":
        seen = sub.probe("load", shown_as="load_config")
    elif style == "positional":
        seen = sub.probe("load", None, None, shown_as="load_config")
    else:
        seen = sub.probe("load", yaml_path=None, opts=None, shown_as="load_config")
    expect_cfgnode(seen, "load_config()")
    expect_values(seen, DEFAULTS, "in load_config()")


@check("load_config leaves the defaults unchanged", case=file_and_opts(), style=styles)
@example(case=({"SOLVER.LR": 0.5}, {"MODEL.NAME": "vgg16"}), style="positional")
def defaults_untouched(sub, case, style):
    from_file, from_opts = case
    text = yaml_text(nested(from_file))
    opts = opts_list(from_opts)
    sub.probe("write_files", {FILE: text}, shown_as="writing " + FILE)
    args, kwargs = call_args(FILE, opts, style)
    seen = sub.probe("load_then_defaults", *args, shown_as="load_config", **kwargs)
    after = f"after {shown_call(FILE, opts)}, "
    defaults = seen["defaults"]
    found = difference(defaults["values"], DEFAULTS)
    expect(found is None,
           f"{after}get_cfg_defaults() no longer gives the defaults: {found}. load_config "
           "must merge into its own copy (get_cfg_defaults()), never into the module's _C"
           + with_file(text),
           expected=DEFAULTS, got=defaults["values"])
    thawed = [p or "the root" for p, f in defaults["frozen"].items() if f]
    expect(not thawed,
           f"{after}get_cfg_defaults() now returns a frozen config: load_config froze the "
           "shared defaults instead of its own copy" + with_file(text), expected="unfrozen",
           got="frozen")
    found = difference(seen["plain_load"]["values"], DEFAULTS)
    expect(found is None,
           f"{after}a later load_config() with no file and no opts still has the earlier "
           f"overrides: {found}" + with_file(text), expected=DEFAULTS,
           got=seen["plain_load"]["values"])


@check("load_config returns a frozen config", case=file_and_opts(),
       which=st.sampled_from(["none", "file", "opts", "both"]), style=styles)
@example(case=({"SOLVER.LR": 0.5}, {"SOLVER.LR": 0.01}), which="none", style="positional")
@example(case=({"SOLVER.LR": 0.5}, {"SOLVER.LR": 0.01}), which="both", style="positional")
def frozen(sub, case, which, style):
    from_file, from_opts = case
    text = yaml_text(nested(from_file)) if which in ("file", "both") else None
    path = FILE if text is not None else None
    opts = opts_list(from_opts) if which in ("opts", "both") else None
    seen = load(sub, path, opts, style, text)
    expect_cfgnode(seen, "load_config")
    thawed = sorted(p or "the root" for p, f in seen["frozen"].items() if not f)
    expect(not thawed,
           f"{shown_call(path, opts)} returned a config that is not frozen ({', '.join(thawed)}): "
           "call cfg.freeze() before returning it, so that no code can change the settings "
           "a run was started with", expected="frozen", got="not frozen")
    allowed = [key for key, refused in seen["refused"].items() if refused is None]
    expect(not allowed,
           f"{shown_call(path, opts)} returned a config where setting {allowed} still works; "
           "cfg.freeze() makes every node refuse changes", expected="frozen",
           got="changes allowed")


@check("load_config merges the YAML file over the defaults", changes=overrides(),
       style=styles)
@example(changes={"SOLVER.LR": 0.01}, style="positional")
@example(changes={"MODEL.NAME": "resnet50", "DATA.MEAN": [0.5, 0.5, 0.5]}, style="keywords")
def merges_file(sub, changes, style):
    text = yaml_text(nested(changes))
    seen = load(sub, FILE, None, style, text)
    expect_cfgnode(seen, "load_config")
    expect_values(seen, applied(changes), f"after {shown_call(FILE, None)}",
                  " (the keys the file does not set keep their defaults; merge_from_file "
                  "merges key by key)" + with_file(text))


@check("load_config applies `opts` (merge_from_list)", changes=overrides(), style=styles)
@example(changes={"SOLVER.MAX_EPOCHS": 120}, style="positional")
@example(changes={"OUTPUT_DIR": "./runs/exp1", "SOLVER.LR": 0.001}, style="keywords")
def merges_opts(sub, changes, style):
    opts = opts_list(changes)
    seen = load(sub, None, opts, style)
    expect_cfgnode(seen, "load_config")
    expect_values(seen, applied(changes), f"after {shown_call(None, opts)}")


@check("load_config merges the file first, then `opts`: opts win", case=file_and_opts(),
       style=styles)
@example(case=({"SOLVER.LR": 0.5}, {"SOLVER.LR": 0.01}), style="positional")
@example(case=({"MODEL.NAME": "vgg16", "SOLVER.MAX_EPOCHS": 10},
               {"MODEL.NAME": "resnet50", "OUTPUT_DIR": "/tmp/out"}), style="keywords")
def opts_win(sub, case, style):
    from_file, from_opts = case
    text = yaml_text(nested(from_file))
    opts = opts_list(from_opts)
    seen = load(sub, FILE, opts, style, text)
    expect_cfgnode(seen, "load_config")
    want = applied({**from_file, **from_opts})
    found = difference(seen["values"], want)
    if found is None:
        return
    if difference(seen["values"], applied({**from_opts, **from_file})) is None:
        fail(f"after {shown_call(FILE, opts)}: {found}, the file's value won over opts. Merge "
             "the file first, then opts, so that the command line has the last word"
             + with_file(text), expected=want, got=seen["values"])
    fail(f"after {shown_call(FILE, opts)}: {found}. Both must be applied: "
         "merge_from_file(yaml_path), then merge_from_list(opts)" + with_file(text),
         expected=want, got=seen["values"])


# ---- errors, as yacs raises them ---------------------------------------------------------

UNKNOWN = st.sampled_from([
    "MODEL.DEPTH", "SOLVER.MOMENTUM", "DATA.ROOT", "BATCH_SIZE", "TRAIN.EPOCHS", "model.name",
])


def unknown_value(key):
    return {"MODEL.DEPTH": 50, "SOLVER.MOMENTUM": 0.9, "DATA.ROOT": "/data",
            "BATCH_SIZE": 32, "TRAIN.EPOCHS": 10, "model.name": "resnet50"}[key]


def expect_raises(sub, exception, path, opts, style, text, why):
    args, kwargs = call_args(path, opts, style)
    outcome = sub.outcome("load_config", *args, **kwargs)
    call = f"{shown_call(path, opts)}: {why}, so load_config should raise {exception} as yacs "
    if isinstance(outcome, tuple):
        fail(f"{call}does, but it returned a config. Let yacs check keys and types: do not "
             "allow new keys, do not catch its errors, do not set values by hand"
             + with_file(text), expected=f"raises {exception}", got="a config")
    expect(outcome.is_a(exception),
           f"{call}does, but it raised {outcome.type}: {outcome.message}" + with_file(text),
           expected=f"raises {exception}", got=outcome.type)


@check("an unknown key in the YAML file raises KeyError", key=UNKNOWN, extra=overrides(),
       style=styles)
@example(key="MODEL.DEPTH", extra={"SOLVER.LR": 0.01}, style="positional")
@example(key="BATCH_SIZE", extra={"MODEL.NAME": "vgg16"}, style="keywords")
def unknown_in_file(sub, key, extra, style):
    text = yaml_text(nested({**extra, key: unknown_value(key)}))
    sub.probe("write_files", {FILE: text}, shown_as="writing " + FILE)
    expect_raises(sub, "KeyError", FILE, None, style, text,
                  f"{key} is not a key of the defaults")


@check("an unknown key in `opts` raises AssertionError", key=UNKNOWN, extra=overrides(),
       style=styles)
@example(key="SOLVER.MOMENTUM", extra={"SOLVER.LR": 0.01}, style="positional")
@example(key="model.name", extra={"OUTPUT_DIR": "/tmp/out"}, style="keywords")
def unknown_in_opts(sub, key, extra, style):
    opts = opts_list({**extra, key: unknown_value(key)})
    expect_raises(sub, "AssertionError", None, opts, style, None,
                  f"{key} is not a key of the defaults")


MISMATCHES = [
    ("SOLVER.LR", 1, "1 is an int and LR a float: write 1.0"),
    ("SOLVER.MAX_EPOCHS", 90.5, "MAX_EPOCHS is an int"),
    ("SOLVER.MAX_EPOCHS", "ninety", "MAX_EPOCHS is an int"),
    ("MODEL.NUM_CLASSES", "ten", "NUM_CLASSES is an int"),
    ("MODEL.NAME", 50, "NAME is a str"),
    ("DATA.MEAN", 0.5, "MEAN is a list"),
    ("OUTPUT_DIR", 3, "OUTPUT_DIR is a str"),
]


@check("a value of the wrong type raises ValueError", mismatch=st.sampled_from(MISMATCHES),
       where=st.sampled_from(["file", "opts"]), extra=overrides(), style=styles)
@example(mismatch=MISMATCHES[0], where="opts", extra={"MODEL.NAME": "vgg16"}, style="positional")
@example(mismatch=MISMATCHES[3], where="opts", extra={"SOLVER.LR": 0.01}, style="keywords")
@example(mismatch=MISMATCHES[0], where="file", extra={"MODEL.NAME": "vgg16"}, style="positional")
def wrong_type(sub, mismatch, where, extra, style):
    key, value, why = mismatch
    changes = {k: v for k, v in extra.items() if k != key}
    changes[key] = value
    if where == "file":
        text = yaml_text(nested(changes))
        sub.probe("write_files", {FILE: text}, shown_as="writing " + FILE)
        expect_raises(sub, "ValueError", FILE, None, style, text, f"{key}: {why}")
    else:
        opts = opts_list(changes)
        expect_raises(sub, "ValueError", None, opts, style, None, f"{key}: {why}")
