import time
from collections.abc import Callable

import torch


def time_forward(model: Callable, x: torch.Tensor, device: str | torch.device,
                 repeats: int = 1) -> float:
    on_cuda = torch.device(device).type == "cuda"
    if on_cuda:
        torch.cuda.synchronize()  # earlier GPU work must not count
    start = time.perf_counter()
    for _ in range(repeats):
        model(x)
    if on_cuda:
        torch.cuda.synchronize()  # wait until the last kernel has really finished
    return (time.perf_counter() - start) / repeats
