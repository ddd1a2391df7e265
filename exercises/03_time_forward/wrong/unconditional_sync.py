import time

import torch

def time_forward(model, x, device, repeats=1):
    torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(repeats):
        model(x)
    torch.cuda.synchronize()
    return (time.perf_counter() - start) / repeats
