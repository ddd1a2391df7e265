import time

import torch

def time_forward(model, x, device, repeats=1):
    cuda = device == "cuda"  # False for "cuda:0" and for torch.device("cuda")
    if cuda:
        torch.cuda.synchronize()
    start = time.perf_counter()
    for _ in range(repeats):
        model(x)
    if cuda:
        torch.cuda.synchronize()
    return (time.perf_counter() - start) / repeats
