from collections import OrderedDict

from torch import nn


def strip_module_prefix(state_dict):
    renamed = {(k[7:] if k.startswith("module.") else k): v for k, v in state_dict.items()}
    return OrderedDict(sorted(renamed.items()))


def unwrap_model(model):
    if isinstance(model, (nn.DataParallel, nn.parallel.DistributedDataParallel)):
        return model.module
    return model
