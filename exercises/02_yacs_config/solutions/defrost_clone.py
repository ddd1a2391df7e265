# Style: the detectron habit: a frozen module-level _C, a clone that is defrosted before it is
# handed out, and opts merged only when the list is non-empty.
# 风格：detectron 的习惯写法：模块级 _C 先冻结，clone 之后 defrost 再交出去。
from yacs.config import CfgNode as CN

_C = CN()
_C.OUTPUT_DIR = "./output"

_C.MODEL = CN()
_C.MODEL.NAME = "resnet18"
_C.MODEL.NUM_CLASSES = 10

_C.SOLVER = CN()
_C.SOLVER.LR = 0.1
_C.SOLVER.MAX_EPOCHS = 90

_C.DATA = CN()
_C.DATA.MEAN = [0.485, 0.456, 0.406]
_C.DATA.STD = [0.229, 0.224, 0.225]

_C.freeze()


def get_cfg_defaults():
    """A fresh, unfrozen copy of the defaults."""
    cfg = _C.clone()
    cfg.defrost()
    return cfg


def load_config(yaml_path=None, opts=None):
    cfg = get_cfg_defaults()
    if yaml_path is not None:
        cfg.merge_from_file(yaml_path)
    if opts:
        cfg.merge_from_list(opts)
    cfg.freeze()
    return cfg
