from collections import OrderedDict


def strip_module_prefix(state_dict):
    return OrderedDict((k.removeprefix("module."), v) for k, v in state_dict.items())


def unwrap_model(model):
    return model.module if hasattr(model, "module") else model
