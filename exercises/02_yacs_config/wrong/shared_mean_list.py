from yacs.config import CfgNode as CN

IMAGENET_MEAN = [0.485, 0.456, 0.406]
IMAGENET_STD = [0.229, 0.224, 0.225]


def get_cfg_defaults():
    cfg = CN()  # a new node each call ...
    cfg.MODEL = CN()
    cfg.MODEL.NAME = "resnet18"
    cfg.MODEL.NUM_CLASSES = 10
    cfg.SOLVER = CN()
    cfg.SOLVER.LR = 0.1
    cfg.SOLVER.MAX_EPOCHS = 90
    cfg.DATA = CN()
    cfg.DATA.MEAN = IMAGENET_MEAN  # ... but the same list objects every time
    cfg.DATA.STD = IMAGENET_STD
    cfg.OUTPUT_DIR = "./output"
    return cfg


def load_config(yaml_path=None, opts=None):
    cfg = get_cfg_defaults()
    if yaml_path is not None:
        cfg.merge_from_file(yaml_path)
    if opts:
        cfg.merge_from_list(opts)
    cfg.freeze()
    return cfg
