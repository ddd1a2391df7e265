# Style: no module-level node at all: get_cfg_defaults builds a new tree on every call, so
# nothing can be shared; `is not None` tests for both arguments.
# 风格：没有模块级的全局节点，get_cfg_defaults 每次都新建一棵树，自然不会共享。
from yacs.config import CfgNode


def get_cfg_defaults() -> CfgNode:
    cfg = CfgNode()
    cfg.MODEL = CfgNode()
    cfg.MODEL.NAME = "resnet18"
    cfg.MODEL.NUM_CLASSES = 10
    cfg.SOLVER = CfgNode()
    cfg.SOLVER.LR = 0.1
    cfg.SOLVER.MAX_EPOCHS = 90
    cfg.DATA = CfgNode()
    cfg.DATA.MEAN = [0.485, 0.456, 0.406]
    cfg.DATA.STD = [0.229, 0.224, 0.225]
    cfg.OUTPUT_DIR = "./output"
    return cfg


def load_config(yaml_path=None, opts=None):
    cfg = get_cfg_defaults()
    if yaml_path is not None:
        cfg.merge_from_file(yaml_path)
    if opts is not None:
        cfg.merge_from_list(opts)
    cfg.freeze()
    return cfg
