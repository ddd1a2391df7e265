import time

import torch

def time_forward(model, x, device, repeats=1):
    cuda = torch.device(device).type == "cuda"
    if cuda:
        torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(repeats):
        model(x)
    return (time.perf_counter() - start) / repeats
