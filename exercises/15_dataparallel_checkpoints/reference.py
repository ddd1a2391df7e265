from collections import OrderedDict
from collections.abc import Mapping

import torch
from torch import nn

PREFIX = "module."


def strip_module_prefix(state_dict: Mapping[str, torch.Tensor]) -> OrderedDict:
    return OrderedDict(
        (k[len(PREFIX):] if k.startswith(PREFIX) else k, v) for k, v in state_dict.items()
    )


def unwrap_model(model: nn.Module) -> nn.Module:
    if isinstance(model, (nn.DataParallel, nn.parallel.DistributedDataParallel)):
        return model.module
    return model
