from collections import OrderedDict

from torch import nn


def strip_module_prefix(state_dict):
    # a snippet copied from an old-checkpoint loader: it silently drops a BatchNorm buffer
    return OrderedDict(
        (k.removeprefix("module."), v)
        for k, v in state_dict.items()
        if not k.endswith("num_batches_tracked")
    )


def unwrap_model(model):
    if isinstance(model, (nn.DataParallel, nn.parallel.DistributedDataParallel)):
        return model.module
    return model
