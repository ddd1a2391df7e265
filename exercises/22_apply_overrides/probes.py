"""Runs in the worker: build nested objects from a plain description, apply the learner's
apply_overrides to them, and describe them again afterwards.

A description is {"kind": "ns" | "obj", "attrs": {name: description or plain value}}: "ns"
builds a types.SimpleNamespace, "obj" an instance of a small class of our own.
"""

import collections.abc
import types

PLAIN = (bool, int, float, str, bytes)


class ReadOnlyOverrides(collections.abc.Mapping):
    """A read-only Mapping that is not a dict (no copy, pop or item assignment): the contract
    takes any Mapping of overrides."""

    def __init__(self, pairs):
        self._pairs = dict(pairs)

    def __getitem__(self, key):
        return self._pairs[key]

    def __iter__(self):
        return iter(self._pairs)

    def __len__(self):
        return len(self._pairs)


class Config:
    """A small class of the kind a config object is: attributes set on the instance."""

    def __init__(self, **attrs):
        for name, value in attrs.items():
            setattr(self, name, value)


def _build(tree, path, nodes):
    attrs = {name: (_build(value, f"{path}.{name}" if path else name, nodes)
                    if isinstance(value, dict) else value)
             for name, value in tree["attrs"].items()}
    obj = types.SimpleNamespace(**attrs) if tree["kind"] == "ns" else Config(**attrs)
    nodes[path] = obj
    return obj


def _plain(value, depth=0):
    if value is None or type(value) in PLAIN:
        return value
    if depth < 10 and type(value) in (list, tuple):
        return type(value)(_plain(v, depth + 1) for v in value)
    return f"<a {type(value).__name__} object>"


def _describe(obj, path, nodes, replaced, depth=0):
    if type(obj) is types.SimpleNamespace or type(obj) is Config:
        if path in nodes and nodes[path] is not obj:
            replaced.append(path)
        kind = "ns" if type(obj) is types.SimpleNamespace else "obj"
        attrs = {}
        for name, value in vars(obj).items():
            inner = f"{path}.{name}" if path else name
            attrs[str(name)] = (_describe(value, inner, nodes, replaced, depth + 1)
                                if depth < 10 else "<nested too deeply>")
        return {"kind": kind, "attrs": attrs}
    return _plain(obj)


def apply(module, tree, overrides, read_only=False):
    """Build the objects, call apply_overrides(root, overrides), describe what is left."""
    nodes = {}
    root = _build(tree, "", nodes)
    given = ReadOnlyOverrides(overrides) if read_only else dict(overrides)
    seen = {"raised": None}
    try:
        seen["result"] = _plain(module.apply_overrides(root, given))
    except Exception as exc:  # noqa: BLE001 - reported, judged by the check
        seen["raised"] = {"type": type(exc).__name__,
                          "lineage": [c.__name__ for c in type(exc).__mro__],
                          "message": str(exc)[:500]}
    replaced = []
    seen["state"] = _describe(root, "", nodes, replaced)
    seen["replaced"] = replaced
    return seen
