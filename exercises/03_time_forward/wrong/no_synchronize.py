import time

import torch

# The notes' code 1: no synchronize at all.
def time_forward(model, x, device, repeats=1):
    start = time.time()
    for _ in range(repeats):
        model(x)
    end = time.time()
    return (end - start) / repeats
