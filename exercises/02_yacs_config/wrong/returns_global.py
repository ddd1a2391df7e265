from yacs.config import CfgNode as CN

_C = CN()
_C.MODEL = CN()
_C.MODEL.NAME = "resnet18"
_C.MODEL.NUM_CLASSES = 10
_C.SOLVER = CN()
_C.SOLVER.LR = 0.1
_C.SOLVER.MAX_EPOCHS = 90
_C.DATA = CN()
_C.DATA.MEAN = [0.485, 0.456, 0.406]
_C.DATA.STD = [0.229, 0.224, 0.225]
_C.OUTPUT_DIR = "./output"


def get_cfg_defaults():
    return _C  # the shared node itself


def load_config(yaml_path=None, opts=None):
    cfg = get_cfg_defaults().clone()
    if yaml_path is not None:
        cfg.merge_from_file(yaml_path)
    if opts:
        cfg.merge_from_list(opts)
    cfg.freeze()
    return cfg
