# Style: the defaults written as one nested dict handed to CfgNode(...), copied with
# copy.deepcopy (what clone() does underneath).
# 风格：默认值写成一个嵌套 dict 交给 CfgNode(...)，用 copy.deepcopy 复制。
import copy

from yacs.config import CfgNode as CN

_DEFAULTS = CN({
    "MODEL": {"NAME": "resnet18", "NUM_CLASSES": 10},
    "SOLVER": {"LR": 0.1, "MAX_EPOCHS": 90},
    "DATA": {"MEAN": [0.485, 0.456, 0.406], "STD": [0.229, 0.224, 0.225]},
    "OUTPUT_DIR": "./output",
})


def get_cfg_defaults():
    return copy.deepcopy(_DEFAULTS)


def load_config(yaml_path=None, opts=None):
    cfg = get_cfg_defaults()
    if yaml_path:
        cfg.merge_from_file(yaml_path)
    cfg.merge_from_list(opts or [])
    cfg.freeze()
    return cfg
