import time

import torch

def time_forward(model, x, device, repeats=1):
    cuda = torch.device(device).type == "cuda"
    if cuda:
        torch.cuda.synchronize()
    start = time.process_time()  # CPU time of this process, not wall time
    for _ in range(repeats):
        model(x)
    if cuda:
        torch.cuda.synchronize()
    return (time.process_time() - start) / repeats
