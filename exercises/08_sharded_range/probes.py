"""Runs in the worker: iterate the learner's ShardedRange in the main process, under simulated
DataLoader workers, and under real DataLoader worker processes."""

import itertools
import warnings

from torch.utils.data import DataLoader
from torch.utils.data._utils import worker as worker_module


def _collect(iterable, limit):
    """Up to `limit` + 1 items (an endless iterator must not hang the probe), as plain data."""
    values, kinds = [], set()
    for value in itertools.islice(iterable, limit + 1):
        kinds.add(type(value).__name__)
        try:
            values.append(int(value))
        except (TypeError, ValueError):
            values.append(None)
    return {"values": values, "types": sorted(kinds), "endless": len(values) > limit}


def _limit(start, end):
    return max(end - start, 0) * 2 + 20


def main_process(module, start, end, passes=1):
    """Iterate in this process, where get_worker_info() is None; one entry per pass."""
    worker_module._worker_info = None
    ds = module.ShardedRange(start, end)
    return [_collect(ds, _limit(start, end)) for _ in range(passes)]


def _worker_info(worker_id, num_workers, dataset):
    try:
        return worker_module.WorkerInfo(id=worker_id, num_workers=num_workers,
                                        seed=1000 + worker_id, dataset=dataset)
    except TypeError:  # a torch whose WorkerInfo takes no such keywords
        from types import SimpleNamespace
        return SimpleNamespace(id=worker_id, num_workers=num_workers, seed=1000 + worker_id,
                               dataset=dataset)


def simulated_workers(module, start, end, num_workers):
    """What each of `num_workers` DataLoader workers would yield.

    As in a real DataLoader, the dataset is built in the main process (no worker info), each
    worker gets its own copy, and get_worker_info() answers inside that worker only: it is
    set the way torch's worker loop sets it, so every way of calling it sees it.
    """
    shares = []
    try:
        for worker_id in range(num_workers):
            worker_module._worker_info = None
            ds = module.ShardedRange(start, end)
            worker_module._worker_info = _worker_info(worker_id, num_workers, ds)
            shares.append(_collect(ds, _limit(start, end)))
    finally:
        worker_module._worker_info = None
    return shares


def real_dataloader(module, start, end, num_workers):
    """Iterate DataLoader(ds, batch_size=None, num_workers=k) with real worker processes."""
    worker_module._worker_info = None
    ds = module.ShardedRange(start, end)
    extra = {"multiprocessing_context": "fork", "timeout": 8} if num_workers else {}
    with warnings.catch_warnings():
        # "suggested max number of worker" on small machines: true, and not the learner's doing
        warnings.simplefilter("ignore", UserWarning)
        loader = DataLoader(ds, batch_size=None, num_workers=num_workers, **extra)
        iterator = iter(loader)
        try:
            return _collect(iterator, _limit(start, end))
        finally:
            del iterator
