"""Runs in the worker: time_forward against a simulated asynchronous GPU and a fake clock.

A CUDA call returns as soon as its kernel is *queued*; the kernel runs later, and only
``torch.cuda.synchronize()`` waits for it. The simulation reproduces exactly that: calling the
model advances the fake clock by a tiny launch cost and queues a kernel of known duration;
synchronize() moves the clock to the moment all queued work is done. Every clock read, model
call and synchronize is recorded, so the checks can say which one was missing.

The student may have bound the real functions at import (``from time import perf_counter``,
``from torch.cuda import synchronize``), so besides the attributes of ``time``, ``timeit`` and
``torch.cuda`` every global of the student's module that *is* one of them is swapped too, and
everything is put back afterwards.
"""

import sys
import time

import torch

from grader.sandbox.probekit import error_text

START = 5000.0  # the fake perf_counter() at the start of a run, seconds
EPOCH = 1_700_000_000.0  # what the fake time.time() adds to it
LAUNCH_S = 20e-6  # host time to launch one kernel
NO_CUDA = "Torch not compiled with CUDA enabled"  # what a CPU-only torch raises
CLOCKS = ("perf_counter", "time", "monotonic", "perf_counter_ns", "monotonic_ns", "time_ns")


class _Simulation:
    def __init__(self, kernels_s, pending_s, asynchronous):
        self.now = START
        self.busy_until = START + pending_s
        self.kernels_s = kernels_s
        self.asynchronous = asynchronous
        self.calls = 0
        self.events = []
        self.sync_failed = False

    # the fake clocks
    def perf_counter(self):
        self.events.append("clock")
        return self.now

    def time(self):
        self.events.append("clock")
        return EPOCH + self.now

    def perf_counter_ns(self):
        self.events.append("clock")
        return round(self.now * 1e9)

    def time_ns(self):
        self.events.append("clock")
        return round((EPOCH + self.now) * 1e9)

    # the fake device
    def launch(self):
        duration = self.kernels_s[self.calls % len(self.kernels_s)]
        self.calls += 1
        self.events.append("call")
        if self.asynchronous:
            self.busy_until = max(self.now, self.busy_until) + duration
            self.now += LAUNCH_S
        else:
            self.now += duration

    def synchronize(self, *args, **kwargs):
        self.events.append("sync")
        self.now = max(self.now, self.busy_until)

    def synchronize_without_cuda(self, *args, **kwargs):
        self.sync_failed = True
        raise AssertionError(NO_CUDA)

    def stream(self, *args, **kwargs):
        return _Stream(self)


class _Stream:
    def __init__(self, simulation):
        self.simulation = simulation

    def synchronize(self):
        self.simulation.synchronize()


class _SimulatedModel(torch.nn.Module):
    """Queues one kernel per call; any `.eval()` or `.to(device)` the student does is harmless."""

    def __init__(self, simulation):
        super().__init__()
        self.simulation = simulation

    def forward(self, x):
        self.simulation.launch()
        return x


class _OnDevice(torch.Tensor):
    """An input said to live on the device already: moving it again changes nothing."""

    def to(self, *args, **kwargs):
        return self

    def cuda(self, *args, **kwargs):
        return self


def _patches(sim, cuda_present):
    """(owner, attribute, fake) triples, plus a map from each real function to its fake."""
    fake_clock = {"perf_counter": sim.perf_counter, "monotonic": sim.perf_counter,
                  "time": sim.time, "perf_counter_ns": sim.perf_counter_ns,
                  "monotonic_ns": sim.perf_counter_ns, "time_ns": sim.time_ns}
    swaps = [(time, name, fake_clock[name]) for name in CLOCKS]
    timeit = sys.modules.get("timeit")
    if timeit is not None:
        swaps.append((timeit, "default_timer", sim.perf_counter))
    if cuda_present:
        sync, available, count, stream = sim.synchronize, lambda: True, lambda: 1, sim.stream
    else:
        sync, available, count = sim.synchronize_without_cuda, lambda: False, lambda: 0
        stream = sim.synchronize_without_cuda
    swaps += [(torch.cuda, "synchronize", sync), (torch.cuda, "is_available", available),
              (torch.cuda, "device_count", count), (torch.cuda, "current_stream", stream),
              (torch.cuda, "default_stream", stream)]
    accelerator = getattr(torch, "accelerator", None)
    if accelerator is not None and hasattr(accelerator, "synchronize"):
        swaps.append((accelerator, "synchronize", sync))
    fakes = {}
    for owner, name, fake in swaps:
        real = getattr(owner, name)
        fakes[id(real)] = (real, fake)
    return swaps, fakes


def _simulate(module, kernels_s, pending_s, device, torch_device, repeats, cuda_present,
              asynchronous):
    sim = _Simulation(kernels_s, pending_s, asynchronous)
    model = _SimulatedModel(sim)
    x = torch.ones(2, 3).as_subclass(_OnDevice)
    where = torch.device(device) if torch_device else device
    swaps, fakes = _patches(sim, cuda_present)
    restore = []
    for key, value in list(vars(module).items()):
        real_fake = fakes.get(id(value))
        if real_fake is not None and real_fake[0] is value:
            swaps.append((module, key, real_fake[1]))
    result = None
    try:
        for owner, name, fake in swaps:
            restore.append((owner, name, getattr(owner, name)))
            setattr(owner, name, fake)
        if repeats is None:  # the learner's default must be one call
            result = module.time_forward(model, x, where)
        else:
            result = module.time_forward(model, x, where, repeats)
    except Exception as exc:
        if not sim.sync_failed:
            raise
        raised = error_text(module, exc)
    else:
        raised = None
    finally:
        for owner, name, real in reversed(restore):
            setattr(owner, name, real)
    timed = kernels_s[:1 if repeats is None else repeats]
    return {
        "raised": raised,
        "sync_failed": sim.sync_failed,
        "value": _number(result),
        "value_type": type(result).__name__,
        "calls": sim.calls,
        "events": sim.events,
        "true_mean": sum(timed) / len(timed),
        "launch_s": LAUNCH_S,
        "pending_s": pending_s,
    }


def _number(result):
    if isinstance(result, float | int) and not isinstance(result, bool):
        return float(result)
    return None


def time_on_simulated_gpu(module, kernel_ms, pending_ms, device, torch_device, repeats):
    """CUDA present; `pending_ms` of earlier work is still queued when time_forward starts."""
    return _simulate(module, [k / 1000 for k in kernel_ms], pending_ms / 1000, device,
                     torch_device, repeats, cuda_present=True, asynchronous=True)


def time_on_cpu_without_cuda(module, kernel_ms, device, torch_device, repeats):
    """No CUDA at all: synchronize() raises, as it does on a CPU-only torch; calls are blocking."""
    return _simulate(module, [k / 1000 for k in kernel_ms], 0.0, device, torch_device, repeats,
                     cuda_present=False, asynchronous=False)


class _Tiny(torch.nn.Module):
    def __init__(self, sleep_s):
        super().__init__()
        self.linear = torch.nn.Linear(4, 3)
        self.sleep_s = sleep_s
        self.calls = 0

    def forward(self, x):
        self.calls += 1
        time.sleep(self.sleep_s)  # a floor on the wall time of one call
        return self.linear(x)


def time_real_model_on_cpu(module, sleep_ms, device, torch_device, repeats):
    """The real clock and a real nn.Module whose forward takes at least `sleep_ms`."""
    model = _Tiny(sleep_ms / 1000)
    x = torch.ones(2, 4)
    where = torch.device(device) if torch_device else device
    model.linear(x)  # first-call set-up costs CPU time; keep it out of the measurement
    result = module.time_forward(model, x, where, repeats)
    return {"value": _number(result), "value_type": type(result).__name__,
            "calls": model.calls}
