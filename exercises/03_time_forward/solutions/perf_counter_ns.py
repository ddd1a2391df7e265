# Style: integer nanoseconds from time.perf_counter_ns(), a torch.device built once, a while
# loop counting the calls down.
# 风格：用 time.perf_counter_ns() 读整数纳秒；先构造 torch.device，再用 while 循环计数。
import time

import torch


def time_forward(model, x, device, repeats: int = 1) -> float:
    device = torch.device(device)
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    start_ns = time.perf_counter_ns()
    remaining = repeats
    while remaining > 0:
        model(x)
        remaining -= 1
    if device.type == "cuda":
        torch.cuda.synchronize(device)
    elapsed_ns = time.perf_counter_ns() - start_ns
    return elapsed_ns / repeats / 1e9
