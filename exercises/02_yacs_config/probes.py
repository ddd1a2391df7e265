"""Runs in the worker: build configs with the learner's functions and report them as plain data.

A CfgNode cannot cross to the supervisor, so every probe returns its values as nested plain
dicts (leaf values keep their Python types), with the class and frozen state of every node.
"""

import os

from grader.sandbox.probekit import error_text


def _describe(node):
    nodes, frozen = {}, {}

    def walk(value, path):
        nodes[path] = type(value).__name__
        is_frozen = getattr(value, "is_frozen", None)
        frozen[path] = bool(is_frozen()) if callable(is_frozen) else None
        out = {}
        for key, child in value.items():
            child_path = f"{path}.{key}" if path else str(key)
            out[key] = walk(child, child_path) if isinstance(child, dict) else _leaf(child)
        return out

    if not isinstance(node, dict):
        return {"type": type(node).__name__, "is_cfgnode": False, "values": None,
                "nodes": {}, "frozen": {}}
    values = walk(node, "")
    return {"type": type(node).__name__, "is_cfgnode": _is_cfgnode(node), "values": values,
            "nodes": nodes, "frozen": frozen}


def _leaf(value):
    if isinstance(value, list):
        return [_leaf(v) for v in value]
    if isinstance(value, tuple):
        return tuple(_leaf(v) for v in value)
    return value


def _is_cfgnode(node):
    from yacs.config import CfgNode

    return isinstance(node, CfgNode)


def defaults(module):
    return _describe(module.get_cfg_defaults())


def independence(module):
    """Two results of get_cfg_defaults(): the same object? Does changing one change others?"""
    first = module.get_cfg_defaults()
    second = module.get_cfg_defaults()
    report = {"same_object": first is second, "error": None,
              "frozen": bool(getattr(first, "is_frozen", lambda: False)())}
    try:
        first.MODEL.NAME = "changed"
        first.MODEL.NUM_CLASSES = 999
        first.SOLVER.LR = 0.123
        first.SOLVER.MAX_EPOCHS = 7
        first.DATA.MEAN[0] = 9.0
        first.DATA.STD.append(9.0)
        first.OUTPUT_DIR = "./changed"
    except Exception as exc:  # noqa: BLE001 - a frozen node refuses changes: report it
        report["error"] = error_text(module, exc)
    report["second_after"] = _describe(second)
    report["third"] = _describe(module.get_cfg_defaults())
    return report


def write_files(module, files):
    for name, text in files.items():
        with open(name, "w", encoding="utf-8") as f:
            f.write(text)
    return sorted(os.listdir("."))


def load(module, *args, **kwargs):
    """Call load_config and report the result, and whether changing it is refused."""
    cfg = module.load_config(*args, **kwargs)
    seen = _describe(cfg)
    seen["refused"] = {}
    if seen["is_cfgnode"]:
        for path, key in (("", "OUTPUT_DIR"), ("SOLVER", "LR")):
            node = cfg if not path else cfg.get(path)
            if not isinstance(node, dict) or key not in node:
                continue
            old = node[key]
            try:
                setattr(node, key, old)
            except Exception as exc:  # noqa: BLE001
                seen["refused"][f"{path}.{key}" if path else key] = type(exc).__name__
            else:
                seen["refused"][f"{path}.{key}" if path else key] = None
    return seen


def load_then_defaults(module, *args, **kwargs):
    """load_config(...), then what get_cfg_defaults() and a plain load_config() give."""
    module.load_config(*args, **kwargs)
    return {"defaults": _describe(module.get_cfg_defaults()),
            "plain_load": _describe(module.load_config())}
