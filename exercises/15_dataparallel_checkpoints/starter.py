"""Exercise 15: DataParallel checkpoints.

`nn.DataParallel` (and `DistributedDataParallel`) keep your model as a child called `module`,
so every key of the wrapper's `state_dict()` starts with "module.". Loading that checkpoint
into the bare model fails with strict=True unless the prefix comes off first.
"""

from collections import OrderedDict
from collections.abc import Mapping

import torch
from torch import nn


def strip_module_prefix(state_dict: Mapping[str, torch.Tensor]) -> OrderedDict:
    """Return a new OrderedDict (or dict) in the same order, with ONE leading "module." removed
    from every key that starts with it; other keys stay as they are; values are the very same
    tensor objects (no copies)."""
    # TODO: rename the keys that start with "module."; keep everything else as it is.
    raise NotImplementedError(
        "strip_module_prefix is not written yet: build a new dict from state_dict.items(), "
        "removing one leading 'module.' from the keys that start with it"
    )


def unwrap_model(model: nn.Module) -> nn.Module:
    """Return the model inside an nn.DataParallel or DistributedDataParallel wrapper, or the
    model itself when it is not wrapped."""
    # TODO: look at what kind of object `model` is.
    raise NotImplementedError(
        "unwrap_model is not written yet: return model.module for nn.DataParallel and "
        "DistributedDataParallel, and the model itself otherwise"
    )
