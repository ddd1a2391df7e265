"""Exercise 02: a yacs config.

get_cfg_defaults() returns a fresh copy of the default config (MODEL.NAME "resnet18",
MODEL.NUM_CLASSES 10, SOLVER.LR 0.1, SOLVER.MAX_EPOCHS 90, DATA.MEAN [0.485, 0.456, 0.406],
DATA.STD [0.229, 0.224, 0.225], OUTPUT_DIR "./output").

load_config(yaml_path=None, opts=None) starts from the defaults, merges the YAML file when it is
given, then the command-line style list `opts` (["SOLVER.LR", "0.01", ...]) when it is given,
freezes the result and returns it.
"""

from yacs.config import CfgNode as CN

_C = CN()
# TODO: add the MODEL, SOLVER and DATA sections (each a CN()) and their keys, and OUTPUT_DIR.


def get_cfg_defaults() -> CN:
    # TODO: return a copy of _C that the caller may change freely.
    raise NotImplementedError("get_cfg_defaults is not written yet: return a clone of the "
                              "default config")


def load_config(yaml_path: str | None = None, opts: list[str] | None = None) -> CN:
    # TODO: defaults -> merge_from_file(yaml_path) -> merge_from_list(opts) -> freeze()
    raise NotImplementedError("load_config is not written yet: start from get_cfg_defaults()")
