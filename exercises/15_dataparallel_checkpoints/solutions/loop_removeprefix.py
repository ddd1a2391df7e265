# Style: a for loop filling a new OrderedDict with str.removeprefix (Python 3.9+).
# 风格：for 循环填充新的 OrderedDict，用 str.removeprefix（Python 3.9 起）。
from collections import OrderedDict

from torch.nn import DataParallel
from torch.nn.parallel import DistributedDataParallel


def strip_module_prefix(state_dict):
    new_state_dict = OrderedDict()
    for key, value in state_dict.items():
        new_state_dict[key.removeprefix("module.")] = value
    return new_state_dict


def unwrap_model(model):
    if isinstance(model, DataParallel) or isinstance(model, DistributedDataParallel):
        return model.module
    return model
