import time

import torch

def time_forward(model, x, device, repeats=1):
    cuda = torch.device(device).type == "cuda"
    start = None
    for _ in range(repeats):
        if cuda:
            torch.cuda.synchronize()  # waits for the previous call, never for the last one
        if start is None:
            start = time.perf_counter()
        model(x)
    return (time.perf_counter() - start) / repeats
