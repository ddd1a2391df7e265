"""Exercise 03: time a model correctly.

`time_forward(model, x, device, repeats=1)` calls `model(x)` exactly `repeats` times and
returns the mean wall-clock seconds per call. On a CUDA device the calls only *queue* work on
the GPU, so wait for the GPU with `torch.cuda.synchronize()` before starting the clock and
after the last call. On a CPU device it must work on a machine without CUDA.
"""

import time  # noqa: F401 - time.perf_counter() or time.time()
from collections.abc import Callable

import torch


def time_forward(model: Callable, x: torch.Tensor, device: str | torch.device,
                 repeats: int = 1) -> float:
    # TODO:
    #   1. find out whether `device` is a CUDA device (it may be "cuda", "cuda:0" or a
    #      torch.device);
    #   2. on CUDA, synchronize, then read the start time;
    #   3. call model(x) `repeats` times;
    #   4. on CUDA, synchronize again, then read the end time;
    #   5. return the mean seconds per call.
    raise NotImplementedError(
        "time_forward is not written yet: see the notes' code 2 for the order of "
        "synchronize and time.time()")
