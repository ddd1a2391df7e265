"""Checks for exercise 03: one property per promise of time_forward.

No GPU is needed: the probes stand in a simulated asynchronous device and a fake clock (see
probes.py). Kernel durations are drawn in microseconds and sent as milliseconds; each probe
reports the returned figure, the true simulated mean, and the order of clock reads ("clock"),
model calls ("call") and synchronizes ("sync").
"""

from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect, fail

EXAMPLES = None  # the configured default (CHECK.MAX_EXAMPLES, 100)
REL, ABS = 1e-4, 2e-6  # clock rounding only: a wrong timing is off by a millisecond or more

kernel_lists = st.lists(st.integers(1000, 20000), min_size=1, max_size=5).map(
    lambda us: [u / 1000 for u in us])
pending = st.integers(5000, 50000).map(lambda us: us / 1000)
cuda_devices = st.sampled_from([("cuda", False), ("cuda:0", False), ("cuda", True),
                                ("cuda:0", True)])
cpu_devices = st.sampled_from([("cpu", False), ("cpu", True)])


def _shown_device(device, torch_device):
    return f"torch.device({device!r})" if torch_device else repr(device)


def _on_gpu(sub, kernel_ms, pending_ms, device, repeats):
    name, torch_device = device
    return sub.probe("time_on_simulated_gpu", kernel_ms=kernel_ms, pending_ms=pending_ms,
                     device=name, torch_device=torch_device, repeats=repeats)


def _on_cpu(sub, kernel_ms, device, repeats):
    name, torch_device = device
    return sub.probe("time_on_cpu_without_cuda", kernel_ms=kernel_ms, device=name,
                     torch_device=torch_device, repeats=repeats)


def _close(got, want):
    return abs(got - want) <= REL * abs(want) + ABS


def _require_figure(seen, device):
    """Fail unless time_forward returned a number (and did not crash for want of CUDA)."""
    if seen["raised"] is not None:
        fail(f"time_forward called torch.cuda.synchronize() for device "
             f"{_shown_device(*device)} on a machine without CUDA, and it raised "
             f"{seen['raised']}; synchronize only when the device is a CUDA device, e.g. "
             "`if torch.device(device).type == \"cuda\":`",
             expected="a float", got=seen["raised"])
    expect(seen["value"] is not None,
           f"time_forward returned a {seen['value_type']}; return a Python float (seconds)",
           expected="float", got=seen["value_type"])


def _figure_problem(seen, repeats, on_gpu):
    """None when the figure is the true mean; otherwise what it looks like instead."""
    got, mean = seen["value"], seen["true_mean"]
    if _close(got, mean):
        return None
    total = mean * repeats
    if repeats > 1 and _close(got, total):
        return (f"returned {got:.6g} s, the total of the {repeats} calls; return the mean per "
                f"call ({mean:.6g} s): divide by repeats")
    if on_gpu and _close(got, seen["launch_s"]):
        return (f"returned {got:.6g} s, which is only the time to *launch* the kernels: the "
                "GPU had not finished them when the end time was read; call "
                "torch.cuda.synchronize() after the last call, before reading the end time")
    if on_gpu and _close(got, mean + seen["pending_s"] / repeats):
        return (f"returned {got:.6g} s, which includes {seen['pending_s'] * 1000:.4g} ms of "
                "GPU work queued *before* time_forward was called; call "
                "torch.cuda.synchronize() before reading the start time")
    return f"returned {got:.6g} s, but each call took {mean:.6g} s on average"


def _never_synchronized(seen, device):
    name, torch_device = device
    tail = ""
    if name != "cuda" or torch_device:
        tail = (f" ({_shown_device(name, torch_device)} is a CUDA device too: compare "
                "torch.device(device).type == \"cuda\", not the device itself with \"cuda\")")
    return ("time_forward never called torch.cuda.synchronize() for device "
            f"{_shown_device(name, torch_device)}: CUDA calls only queue work on the GPU, so "
            "without synchronizing the clock measures kernel launches, not the work" + tail)


@check("calls the model exactly `repeats` times (no warm-up)", max_examples=EXAMPLES,
       kernel_ms=kernel_lists, pending_ms=pending, gpu=st.booleans(), cuda_device=cuda_devices,
       cpu_device=cpu_devices)
@example(kernel_ms=[5.0, 5.0, 5.0], pending_ms=10.0, gpu=True, cuda_device=("cuda", False),
         cpu_device=("cpu", False))
def calls_model_repeats_times(sub, kernel_ms, pending_ms, gpu, cuda_device, cpu_device):
    repeats = len(kernel_ms)
    if gpu:
        seen = _on_gpu(sub, kernel_ms, pending_ms, cuda_device, repeats)
    else:
        seen = _on_cpu(sub, kernel_ms, cpu_device, repeats)
        _require_figure(seen, cpu_device)
    expect(seen["calls"] == repeats,
           f"time_forward(model, x, device, repeats={repeats}) called the model "
           f"{seen['calls']} times; call it exactly {repeats} times (a warm-up call is the "
           "caller's business, and it must never be counted)",
           expected=f"{repeats} calls", got=f"{seen['calls']} calls")


@check("calls the model once when `repeats` is not given", kernel_ms=kernel_lists,
       device=cpu_devices)
@example(kernel_ms=[5.0, 5.0], device=("cpu", False))
def default_repeats_is_one(sub, kernel_ms, device):
    seen = _on_cpu(sub, kernel_ms, device, None)
    _require_figure(seen, device)
    expect(seen["calls"] == 1,
           f"time_forward(model, x, device) called the model {seen['calls']} times; "
           "`repeats` defaults to 1", expected="1 call", got=f"{seen['calls']} calls")
    problem = _figure_problem(seen, 1, on_gpu=False)
    expect(problem is None, f"with repeats left at its default, time_forward {problem}",
           expected=f"{seen['true_mean']:.6g} s", got=f"{seen['value']:.6g} s")


@check("returns the mean seconds per call, not the total", max_examples=EXAMPLES,
       kernel_ms=kernel_lists, device=cpu_devices)
@example(kernel_ms=[4.0, 2.0, 6.0], device=("cpu", False))
def returns_mean(sub, kernel_ms, device):
    repeats = len(kernel_ms)
    seen = _on_cpu(sub, kernel_ms, device, repeats)
    _require_figure(seen, device)
    problem = _figure_problem(seen, repeats, on_gpu=False)
    expect(problem is None, f"with calls taking {kernel_ms} ms, time_forward {problem}",
           expected=f"{seen['true_mean']:.6g} s", got=f"{seen['value']:.6g} s")


@check("on a CUDA device, synchronizes before reading the start time", max_examples=EXAMPLES,
       kernel_ms=kernel_lists, pending_ms=pending, device=cuda_devices)
@example(kernel_ms=[5.0, 3.0], pending_ms=20.0, device=("cuda", False))
@example(kernel_ms=[5.0, 3.0], pending_ms=20.0, device=("cuda:0", False))
@example(kernel_ms=[5.0, 3.0], pending_ms=20.0, device=("cuda", True))
def synchronizes_before_start(sub, kernel_ms, pending_ms, device):
    repeats = len(kernel_ms)
    seen = _on_gpu(sub, kernel_ms, pending_ms, device, repeats)
    events = seen["events"]
    expect("sync" in events, _never_synchronized(seen, device), expected="torch.cuda.synchronize()",
           got="no synchronize")
    first_call = events.index("call") if "call" in events else len(events)
    before = events[:first_call]
    ready = "sync" in before and "clock" in before[before.index("sync"):]
    expect(ready,
           f"time_forward read the start time while {pending_ms:g} ms of earlier GPU work was "
           "still queued, so that work was counted too; call torch.cuda.synchronize() before "
           "reading the start time",
           expected="synchronize, then read the clock, then call the model",
           got=" → ".join(events[:first_call + 1]))


@check("on a CUDA device, synchronizes after the last call, before reading the end time",
       max_examples=EXAMPLES, kernel_ms=kernel_lists, pending_ms=pending, device=cuda_devices)
@example(kernel_ms=[5.0, 3.0, 4.0], pending_ms=20.0, device=("cuda", False))
def synchronizes_after_last_call(sub, kernel_ms, pending_ms, device):
    repeats = len(kernel_ms)
    seen = _on_gpu(sub, kernel_ms, pending_ms, device, repeats)
    events = seen["events"]
    expect("sync" in events, _never_synchronized(seen, device), expected="torch.cuda.synchronize()",
           got="no synchronize")
    last_call = len(events) - 1 - events[::-1].index("call") if "call" in events else -1
    after = events[last_call + 1:]
    done = "sync" in after and "clock" in after[after.index("sync"):]
    expect(done,
           "time_forward read the end time without synchronizing after the last model call, "
           "so the last kernel was still running on the GPU; call torch.cuda.synchronize() "
           "after the last call, then read the end time",
           expected="call the model, synchronize, then read the clock",
           got=" → ".join(events[max(last_call, 0):]))


@check("on a CUDA device, returns the true GPU time per call", max_examples=EXAMPLES,
       kernel_ms=kernel_lists, pending_ms=pending, device=cuda_devices)
@example(kernel_ms=[5.0, 3.0, 4.0], pending_ms=20.0, device=("cuda", False))
def true_gpu_time(sub, kernel_ms, pending_ms, device):
    repeats = len(kernel_ms)
    seen = _on_gpu(sub, kernel_ms, pending_ms, device, repeats)
    _require_figure(seen, device)
    problem = _figure_problem(seen, repeats, on_gpu=True)
    if problem is not None and "sync" not in seen["events"]:
        problem = _never_synchronized(seen, device)
    if problem is not None and problem.startswith("returned"):
        problem = (f"with kernels of {kernel_ms} ms queued after {pending_ms:g} ms of earlier "
                   f"work, time_forward {problem}")
    expect(problem is None, str(problem), expected=f"{seen['true_mean']:.6g} s",
           got=f"{seen['value']:.6g} s")


@check("on a CPU device, works on a machine without CUDA", max_examples=EXAMPLES,
       kernel_ms=kernel_lists, device=cpu_devices)
@example(kernel_ms=[3.0], device=("cpu", False))
@example(kernel_ms=[3.0], device=("cpu", True))
def works_without_cuda(sub, kernel_ms, device):
    repeats = len(kernel_ms)
    seen = _on_cpu(sub, kernel_ms, device, repeats)
    _require_figure(seen, device)
    problem = _figure_problem(seen, repeats, on_gpu=False)
    expect(problem is None, f"on {_shown_device(*device)}, time_forward {problem}",
           expected=f"{seen['true_mean']:.6g} s", got=f"{seen['value']:.6g} s")


@check("with a real model on the real clock, returns a positive float of wall seconds",
       max_examples=5, sleep_ms=st.integers(8, 12), device=cpu_devices,
       repeats=st.integers(1, 2))
@example(sleep_ms=8, device=("cpu", False), repeats=2)
def real_clock(sub, sleep_ms, device, repeats):
    name, torch_device = device
    seen = sub.probe("time_real_model_on_cpu", sleep_ms=sleep_ms, device=name,
                     torch_device=torch_device, repeats=repeats)
    expect(seen["value"] is not None,
           f"time_forward returned a {seen['value_type']}; return a Python float (seconds)",
           expected="float", got=seen["value_type"])
    expect(seen["calls"] == repeats,
           f"time_forward called the model {seen['calls']} times, not {repeats}",
           expected=repeats, got=seen["calls"])
    floor = sleep_ms / 1000 * 0.9
    expect(seen["value"] >= floor,
           f"each call of this model takes at least {sleep_ms} ms of wall time (it sleeps), but "
           f"time_forward returned {seen['value']:.6g} s: measure wall-clock time with "
           "time.perf_counter() or time.time() (time.process_time() counts only CPU time)",
           expected=f">= {floor:.4g} s", got=f"{seen['value']:.6g} s")
    expect(seen["value"] < 5.0, f"time_forward returned {seen['value']:.6g} s for calls of "
           f"about {sleep_ms} ms; is that seconds?", expected="seconds per call",
           got=f"{seen['value']:.6g} s")
