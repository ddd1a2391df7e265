from yacs.config import CfgNode as CN

_C = CN()

_C.MODEL = CN()
_C.MODEL.NAME = "resnet18"
_C.MODEL.NUM_CLASSES = 10

_C.SOLVER = CN()
_C.SOLVER.LR = 0.1
_C.SOLVER.MAX_EPOCHS = 90.0  # a float

_C.DATA = CN()
_C.DATA.MEAN = [0.485, 0.456, 0.406]
_C.DATA.STD = [0.229, 0.224, 0.225]

_C.OUTPUT_DIR = "./output"


def get_cfg_defaults() -> CN:
    return _C.clone()


def load_config(yaml_path: str | None = None, opts: list[str] | None = None) -> CN:
    cfg = get_cfg_defaults()
    if yaml_path is not None:
        cfg.merge_from_file(yaml_path)
    if opts:
        cfg.merge_from_list(opts)
    cfg.freeze()
    return cfg
