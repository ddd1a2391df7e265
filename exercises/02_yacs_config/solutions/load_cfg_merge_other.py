# Style: what merge_from_file does, spelled out: CfgNode.load_cfg reads the YAML file and
# merge_from_other_cfg merges it (same key and type checks); defaults cloned from _C.
# 风格：把 merge_from_file 拆开写：CfgNode.load_cfg 读入 YAML，merge_from_other_cfg 合并
# （同样检查键和类型）；默认值从 _C 克隆。
from yacs.config import CfgNode

_C = CfgNode()
_C.MODEL = CfgNode()
_C.MODEL.NAME = "resnet18"
_C.MODEL.NUM_CLASSES = 10
_C.SOLVER = CfgNode()
_C.SOLVER.LR = 0.1
_C.SOLVER.MAX_EPOCHS = 90
_C.DATA = CfgNode()
_C.DATA.MEAN = [0.485, 0.456, 0.406]
_C.DATA.STD = [0.229, 0.224, 0.225]
_C.OUTPUT_DIR = "./output"


def get_cfg_defaults():
    return _C.clone()


def load_config(yaml_path=None, opts=None):
    cfg = get_cfg_defaults()
    if yaml_path is not None:
        with open(yaml_path, encoding="utf-8") as yaml_file:
            cfg.merge_from_other_cfg(CfgNode.load_cfg(yaml_file))
    if opts:
        cfg.merge_from_list(opts)
    cfg.freeze()
    return cfg
