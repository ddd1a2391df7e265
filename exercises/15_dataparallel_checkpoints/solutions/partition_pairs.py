# Style: str.partition on the first dot, a list of pairs turned into an OrderedDict; match.
# 风格：用 str.partition 在第一个点处切开，先得到 (键, 值) 列表再转 OrderedDict；
# 用 match 判断包装器。
from collections import OrderedDict

from torch import nn
from torch.nn.parallel import DistributedDataParallel


def _strip(key):
    head, dot, rest = key.partition(".")
    if head == "module" and dot:
        return rest
    return key


def strip_module_prefix(state_dict):
    pairs = [(_strip(key), state_dict[key]) for key in state_dict]
    return OrderedDict(pairs)


def unwrap_model(model):
    match model:
        case nn.DataParallel() | DistributedDataParallel():
            return model.module
        case _:
            return model
