# Style: a dict comprehension with an anchored, escaped regex; a conditional expression to unwrap.
# 风格：字典推导式加上锚定并转义的正则；用条件表达式解包模型。
import re

from torch import nn

_PREFIX = re.compile(r"^module\.")


def strip_module_prefix(state_dict):
    return {_PREFIX.sub("", key, count=1): tensor for key, tensor in state_dict.items()}


def unwrap_model(model):
    wrappers = (nn.DataParallel, nn.parallel.DistributedDataParallel)
    return model.module if isinstance(model, wrappers) else model
