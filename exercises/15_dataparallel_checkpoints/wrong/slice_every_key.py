from collections import OrderedDict

from torch import nn


def strip_module_prefix(state_dict):
    return OrderedDict((k[7:], v) for k, v in state_dict.items())


def unwrap_model(model):
    if isinstance(model, (nn.DataParallel, nn.parallel.DistributedDataParallel)):
        return model.module
    return model
