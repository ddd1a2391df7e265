# Style: timeit.default_timer (perf_counter under another name), the device parsed by hand for
# strings ("cuda", "cuda:0") and read from .type for torch.device objects.
# 风格：用 timeit.default_timer 计时（其实就是 perf_counter）；设备是字符串时手动解析，
# 是 torch.device 时读 .type。
import timeit

import torch


def _is_cuda(device):
    if isinstance(device, torch.device):
        return device.type == "cuda"
    return device.split(":")[0] == "cuda"


def time_forward(model, x, device, repeats=1):
    cuda = _is_cuda(device)
    if cuda:
        torch.cuda.synchronize()
    start = timeit.default_timer()
    for _ in range(repeats):
        model(x)
    if cuda:
        torch.cuda.synchronize()
    return (timeit.default_timer() - start) / repeats
