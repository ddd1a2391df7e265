"""Exercise 03 against a real GPU: do the reference and the known-wrong variants time what the
simulated device in probes.py says they time?

The checks grade on a simulated asynchronous device so that no learner needs CUDA. This script
is the evidence that the simulation is faithful: on a real CUDA device it times one model with
each variant and with ``torch.cuda.Event`` (the ground truth), with and without GPU work queued
before the call, and prints how far each figure is from the truth. Needs only torch; run it on
a machine with a GPU:

    python bench/cuda_timing.py [--size 4096] [--repeats 5]
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path

import torch

FOLDER = Path(__file__).resolve().parent.parent / "exercises" / "03_time_forward"
TOLERANCE = 0.10  # a right figure lands within 10% of the event-timed one
# Variants whose mistake a GPU figure cannot show: the crash without CUDA, the extra call, and
# a string compare that happens to match "cuda". CPU time while synchronize spins is a matter
# of the driver's wait policy, so process_time is reported, not judged.
RIGHT_ON_GPU = {"reference", "unconditional_sync", "warmup_call"}
NOT_JUDGED = {"process_time"}


def expected_right(variant: str, device: object) -> bool | None:
    if variant in NOT_JUDGED:
        return None
    if variant == "device_string_compare":
        return device == "cuda"
    return variant in RIGHT_ON_GPU


def load(path: Path):
    spec = importlib.util.spec_from_file_location(f"ex03_{path.stem}", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.time_forward


def event_time(model, x, repeats: int) -> float:
    """Mean seconds per call as the GPU itself measured it."""
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    torch.cuda.synchronize()
    start.record()
    for _ in range(repeats):
        model(x)
    end.record()
    torch.cuda.synchronize()
    return start.elapsed_time(end) / 1000 / repeats


def queue_work(weight: torch.Tensor, count: int) -> None:
    """Launch GPU work and return at once: what an earlier, unsynchronized step leaves behind."""
    for _ in range(count):
        weight @ weight


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=4096)
    parser.add_argument("--layers", type=int, default=8)
    parser.add_argument("--repeats", type=int, default=5)
    parser.add_argument("--trials", type=int, default=5)
    args = parser.parse_args()
    if not torch.cuda.is_available():
        print("no CUDA device here; this script needs one", file=sys.stderr)
        return 2
    torch.backends.cuda.matmul.allow_tf32 = False  # fp32 matmuls: long enough to time well
    device = torch.device("cuda:0")
    model = torch.nn.Sequential(*[torch.nn.Linear(args.size, args.size, bias=False)
                                  for _ in range(args.layers)]).to(device)
    x = torch.randn(args.size, args.size, device=device)
    weight = torch.randn(args.size, args.size, device=device)
    with torch.no_grad():
        for _ in range(3):
            model(x)  # cuBLAS handles and kernels chosen before anything is timed
        torch.cuda.synchronize()
        truth = statistics.median(event_time(model, x, args.repeats) for _ in range(args.trials))
        print(f"{torch.cuda.get_device_name(0)}, torch {torch.__version__}; "
              f"{args.layers} fp32 Linear {args.size}x{args.size}, repeats={args.repeats}")
        print(f"torch.cuda.Event: {truth * 1000:.2f} ms per call (median of {args.trials})\n")
        variants = [("reference", FOLDER / "reference.py"),
                    *[(p.stem, p) for p in sorted((FOLDER / "wrong").glob("*.py"))]]
        print(f"{'variant':24} {'device':22} {'idle GPU ms':>12} {'queued GPU ms':>14}  verdict")
        failures = 0
        for name, path in variants:
            time_forward = load(path)
            for shown, dev in (("'cuda'", "cuda"), ("torch.device('cuda:0')", device)):
                idle = statistics.median(time_forward(model, x, dev, args.repeats)
                                         for _ in range(args.trials))
                queued = []
                for _ in range(args.trials):
                    torch.cuda.synchronize()
                    queue_work(weight, 4 * args.layers)
                    queued.append(time_forward(model, x, dev, args.repeats))
                    torch.cuda.synchronize()
                queued_s = statistics.median(queued)
                right = all(abs(t - truth) <= TOLERANCE * truth for t in (idle, queued_s))
                verdict = "right" if right else "WRONG"
                expected = expected_right(name, dev)
                if expected is not None and expected != right:
                    failures += 1
                    verdict += "  <-- unexpected"
                print(f"{name:24} {shown:22} {idle * 1000:12.2f} {queued_s * 1000:14.2f}  "
                      f"{verdict}")
        started = time.perf_counter()
        cpu_figure = load(FOLDER / "reference.py")(torch.nn.Identity(), torch.ones(3), "cpu")
        print(f"\nreference on 'cpu': {cpu_figure:.2e} s "
              f"(called in {time.perf_counter() - started:.2e} s)")
    print("\nall as expected" if not failures else f"\n{failures} unexpected rows")
    return 0 if not failures else 1


if __name__ == "__main__":
    sys.exit(main())
