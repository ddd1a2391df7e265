"""Checks for exercise 08: ShardedRange, an IterableDataset split across DataLoader workers.

The sharding is tested on simulated workers: the probe builds the dataset in the main process,
then sets torch's own worker-info slot (what get_worker_info() returns) for worker 0, 1, ...
in turn and collects what each would yield, exactly as torch's worker loop would; that is
cheap, so hypothesis draws ranges (negative starts, start > end, fewer ints than workers) and
worker counts freely. Interleaved shards (start + id, step num_workers) and contiguous blocks
are both right: only the union of the shares is compared, as a multiset.

One check runs real DataLoaders with num_workers = 0, 1, 2, 3: each worker is a process
(forked, ~50-150 ms each), so that check runs a fixed list of pinned cases once instead of
100 drawn examples.
"""

from collections import Counter

from hypothesis import example
from hypothesis import strategies as st

from grader.judge import CheckFailed, check, fail

starts = st.integers(-30, 30)
lengths = st.integers(0, 40)
workers = st.integers(1, 8)


def shown_range(start, end):
    return f"ShardedRange({start}, {end})"


def fail_at(call, message, *, expected=None, got=None):
    raise CheckFailed(message, expected=expected, got=got, call=call)


def probe(sub, call, name, *args):
    try:
        return sub.probe(name, *args)
    except CheckFailed as failed:
        failed.call = call
        raise


def brief(values, limit=24):
    text = ", ".join(str(v) for v in values[:limit])
    return "[" + text + (", …" if len(values) > limit else "") + "]"


def expect_ints(share, call, who="it"):
    kinds = [kind for kind in share["types"] if kind != "int"]
    if kinds:
        fail_at(call, f"{who} yielded {kinds[0]} values; yield plain Python ints (the ints of "
                "range(start, end))", expected="int", got=kinds[0])


def explain(got, start, end, call, context):
    """Fail with what is wrong with the multiset `got` against range(start, end)."""
    want = list(range(start, end))
    have, need = Counter(got), Counter(want)
    if have == need:
        return
    twice = sorted(v for v, c in have.items() if c > 1 and v in need)
    outside = sorted(v for v in have if v not in need)
    missing = sorted(v for v in need if v not in have)
    expected = f"each of {brief(want)} once" if want else "nothing (an empty range)"
    got_text = brief(sorted(got))
    if not want and got:
        fail_at(call, f"{shown_range(start, end)} is empty (start >= end), but {context} "
                f"yielded {got_text}; range(start, end) is already empty when start >= end",
                expected=expected, got=got_text)
    if twice:
        fail_at(call, f"{context} yielded {twice[0]} more than once: every worker must yield "
                "only its own share, not the whole range: inside __iter__ (not __init__, "
                "which runs in the main process), split the range by get_worker_info().id "
                "and .num_workers", expected=expected, got=got_text)
    if outside:
        fail_at(call, f"{context} yielded {outside[0]}, which is outside [{start}, {end}); "
                "clip every share to the range (min(..., end))", expected=expected,
                got=got_text)
    if missing:
        fail_at(call, f"{context} never yielded {missing[0]}: when the range does not divide "
                "evenly among the workers, the leftover ints must still go to some worker",
                expected=expected, got=got_text)
    fail(f"{context} did not yield each int of the range once", expected=expected,
         got=got_text)


@check("iterating ShardedRange(start, end) yields each int of [start, end) once",
       start=starts, length=lengths)
@example(start=0, length=10)
@example(start=-7, length=5)
@example(start=3, length=1)
def main_process(sub, start, length):
    end = start + length
    call = f"list({shown_range(start, end)})"
    [share] = probe(sub, call, "main_process", start, end)
    expect_ints(share, call)
    explain(share["values"], start, end, call, "iterating it")


@check("an empty range (start >= end) yields nothing, with or without workers",
       start=starts, short=st.integers(0, 5), num_workers=st.integers(0, 8))
@example(start=3, short=0, num_workers=0)
@example(start=5, short=3, num_workers=0)
@example(start=5, short=3, num_workers=2)
@example(start=-2, short=1, num_workers=3)
def empty_range(sub, start, short, num_workers):
    end = start - short
    try:
        if num_workers == 0:
            call = f"list({shown_range(start, end)})"
            shares = probe(sub, call, "main_process", start, end)
        else:
            call = f"{shown_range(start, end)} read by {num_workers} DataLoader workers"
            shares = probe(sub, call, "simulated_workers", start, end, num_workers)
    except CheckFailed as failed:
        failed.message += ("\nAn empty range is not an error: like range(start, end), it "
                           "simply yields nothing")
        failed.args = (failed.message,)
        raise
    got = [v for share in shares for v in share["values"]]
    explain(got, start, end, call, "it" if num_workers == 0 else f"{num_workers} workers")


@check("a second pass over the same ShardedRange yields the range again", start=starts,
       length=st.integers(1, 40))
@example(start=0, length=5)
def second_pass(sub, start, length):
    end = start + length
    call = f"ds = {shown_range(start, end)}; list(ds); list(ds)"
    shares = probe(sub, call, "main_process", start, end, 2)
    if not shares[1]["values"] and shares[0]["values"]:
        fail_at(call, "the second pass yielded nothing: every epoch iterates the dataset "
                "again, so __iter__ must start a fresh iterator each time (do not keep one "
                "iterator in __init__)", expected=brief(list(range(start, end))), got="[]")
    explain(shares[1]["values"], start, end, call, "the second pass")


@check("with k DataLoader workers (get_worker_info() simulated), the workers' shares together "
       "hold each int of [start, end) exactly once", start=starts, length=lengths,
       num_workers=workers)
@example(start=0, length=10, num_workers=2)
@example(start=0, length=10, num_workers=3)
@example(start=-5, length=7, num_workers=4)
@example(start=2, length=3, num_workers=5)
@example(start=0, length=1, num_workers=1)
def simulated(sub, start, length, num_workers):
    end = start + length
    call = f"{shown_range(start, end)} read by {num_workers} DataLoader workers"
    shares = probe(sub, call, "simulated_workers", start, end, num_workers)
    for worker_id, share in enumerate(shares):
        expect_ints(share, call, f"worker {worker_id}")
        if share["endless"]:
            fail_at(call, f"worker {worker_id} kept yielding past the end of the range",
                    got=brief(share["values"]))
    got = [v for share in shares for v in share["values"]]
    want = Counter(range(start, end))
    if Counter(got) != want:
        per_worker = "; ".join(f"worker {i}: {brief(share['values'], 8)}"
                               for i, share in enumerate(shares))
        try:
            explain(got, start, end, call, f"the {num_workers} workers together")
        except CheckFailed as failed:
            failed.got = per_worker
            raise


@st.composite
def split_cases(draw):
    """A range with at least two ints per worker, so that every reasonable split (interleaved,
    blocks of ceil(n / k), blocks of n // k with the rest to the last) leaves no worker all."""
    num_workers = draw(st.integers(2, 8))
    length = num_workers * draw(st.integers(2, 5)) + draw(st.integers(0, num_workers - 1))
    return draw(starts), length, num_workers


@check("the workers share the range: with at least two ints per worker, no single worker yields "
       "them all", case=split_cases())
@example(case=(0, 10, 2))
@example(case=(-3, 13, 4))
def work_is_split(sub, case):
    start, length, num_workers = case
    end = start + length
    call = f"{shown_range(start, end)} read by {num_workers} DataLoader workers"
    shares = probe(sub, call, "simulated_workers", start, end, num_workers)
    sizes = [len(share["values"]) for share in shares]
    for worker_id, size in enumerate(sizes):
        if size >= length:
            fail_at(call, f"worker {worker_id} yielded all {length} ints of the range by itself: "
                    f"the range is not split, so {num_workers} workers are no faster than one. "
                    "Give each worker its own share, chosen by get_worker_info().id and "
                    ".num_workers", expected=f"{num_workers} shares of about "
                    f"{length // num_workers} ints", got=f"shares of {sizes} ints")


# Real worker processes are slow to start, so this check runs a fixed list once.
REAL_CASES = [(0, 10, 0), (0, 10, 1), (0, 10, 2), (0, 10, 3), (-7, 4, 3), (5, 7, 3), (4, 4, 2),
              (9, 2, 2)]


@check("works in DataLoader(ds, batch_size=None, num_workers=k) for k = 0, 1, 2, 3 (real "
       "worker processes)")
def real_workers(sub):
    for start, end, num_workers in REAL_CASES:
        call = (f"list(DataLoader({shown_range(start, end)}, batch_size=None, "
                f"num_workers={num_workers}))")
        got = probe(sub, call, "real_dataloader", start, end, num_workers)
        expect_ints(got, call, "the DataLoader")
        explain(got["values"], start, end, call, "the DataLoader" if num_workers == 0
                else f"the DataLoader with {num_workers} workers")
