from collections import OrderedDict

from torch import nn


def strip_module_prefix(state_dict):
    return OrderedDict((k.removeprefix("module."), v) for k, v in state_dict.items())


def unwrap_model(model):
    if isinstance(model, nn.DataParallel):
        return model.module
    return model
