# Style: startswith then key[len(prefix):] in a loop over the keys; unwrap by reassigning.
# 风格：先 startswith 判断再用 key[len(prefix):] 切片，循环遍历键；解包时重新赋值 model。
from collections import OrderedDict

import torch


def strip_module_prefix(state_dict):
    prefix = "module."
    result = OrderedDict()
    for key in state_dict.keys():
        new_key = key
        if key.startswith(prefix):
            new_key = key[len(prefix):]
        result[new_key] = state_dict[key]
    return result


def unwrap_model(model):
    parallel_types = (torch.nn.DataParallel, torch.nn.parallel.DistributedDataParallel)
    if isinstance(model, parallel_types):
        model = model.module
    return model
