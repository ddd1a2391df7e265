# Style: `from time import time` (wall clock; fine for calls of a few ms and more), the device
# tested through its string and torch.cuda.is_available(), under torch.no_grad().
# 风格：from time import time 读墙钟时间；通过设备字符串和 torch.cuda.is_available() 判断是否同步。
from time import time

import torch


def time_forward(model, x, device, repeats=1):
    use_cuda = str(device).startswith("cuda") and torch.cuda.is_available()
    with torch.no_grad():
        if use_cuda:
            torch.cuda.synchronize()
        start = time()
        for _ in range(repeats):
            model(x)
        if use_cuda:
            torch.cuda.synchronize()
        end = time()
    return (end - start) / repeats
