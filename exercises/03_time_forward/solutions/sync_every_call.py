# Style: synchronize around every call and add up the per-call times (correct too, a little
# slower: the GPU idles between calls); the mean with statistics.mean.
# 风格：每次调用前后都同步，逐次计时后取平均（同样正确，只是 GPU 在两次调用之间会空闲）。
import statistics
import time

import torch


def _sync(device):
    if torch.device(device).type == "cuda":
        torch.cuda.synchronize()


def time_forward(model, x, device, repeats=1):
    durations = []
    for _ in range(repeats):
        _sync(device)
        t0 = time.perf_counter()
        model(x)
        _sync(device)
        durations.append(time.perf_counter() - t0)
    return statistics.mean(durations)
