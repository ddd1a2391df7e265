"""Checks for exercise 05: PairDataset, make_loader and num_batches.

Datasets are built here from a drawn length, drawn kinds (a list of ints, a 1-D float tensor,
a [n, 3] tensor of rows, an int64 tensor of labels) and a drawn seed. Loaders run in the
worker over a probe dataset whose item i is the int i, so the order a loader read the items
in is plain to see. Shuffled orders are never compared with one exact permutation: any
generator-driven shuffle is fine, as long as the seed alone decides it.
"""

import torch
from hypothesis import example
from hypothesis import strategies as st
from torch.utils.data import default_collate

from grader.judge import CheckFailed, Raised, check, describe, expect, expect_close, fail

from . import reference

seeds = st.integers(0, 2**31 - 1)
src_kinds = st.sampled_from(["list", "tensor", "rows"])
trg_kinds = st.sampled_from(["list", "tensor"])
lengths = st.integers(0, 9)


def make_column(n, kind, g):
    if kind == "list":
        return torch.randint(-50, 50, (n,), generator=g).tolist()
    if kind == "tensor":
        return torch.randn(n, generator=g)
    if kind == "labels":
        return torch.randint(0, 10, (n,), generator=g)
    return torch.randn(n, 3, generator=g)  # rows


def make_pair(n, src_kind, trg_kind, seed, trg_n=None):
    g = torch.Generator().manual_seed(seed)
    src = make_column(n, src_kind, g)
    trg = make_column(n if trg_n is None else trg_n, "list" if trg_kind == "list" else "labels",
                      g)
    return src, trg


def shown(value):
    return describe(value, 120)


def fail_at(call, message, *, expected=None, got=None):
    """Fail with the learner's view of the call: `ds = PairDataset(...); ds[3]`."""
    raise CheckFailed(message, expected=expected if isinstance(expected, str) or expected is None
                      else describe(expected), got=got if isinstance(got, str) or got is None
                      else describe(got), call=call)


def probe(sub, call, name, *args):
    """Run a probe; if the learner's code raises, show the scenario rather than the probe."""
    try:
        return sub.probe(name, *args)
    except CheckFailed as failed:
        failed.call = call
        raise


def building(src, trg):
    return f"ds = PairDataset({shown(src)}, {shown(trg)})"


def expect_value(got, want, what, call):
    """One half of a pair: an int may also come back as a 0-d integer tensor of that value."""
    if isinstance(want, int):
        if isinstance(got, torch.Tensor) and got.dim() == 0 and not got.is_floating_point():
            got = int(got)
        if type(got) is not int or got != want:
            fail_at(call, f"{what} should be {want}, the value at that index", expected=want,
                    got=got)
        return
    if not isinstance(got, torch.Tensor):
        fail_at(call, f"{what} should be the tensor src[i] / trg[i] gives", expected=want,
                got=got)
    try:
        expect_close(got, want, what, rtol=0, atol=0)
    except CheckFailed as failed:
        failed.call = call
        raise


def expect_pair(got, src, trg, index, call):
    want = (src[index], trg[index])
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail_at(call, "ds[i] should return the pair (src[i], trg[i])", expected=want, got=got)
    expect_value(got[0], want[0], "the first item of the pair (src[i])", call)
    expect_value(got[1], want[1], "the second item of the pair (trg[i])", call)


@check("len(PairDataset(src, trg)) is the number of pairs", n=lengths, src_kind=src_kinds,
       trg_kind=trg_kinds, seed=seeds)
@example(n=5, src_kind="list", trg_kind="list", seed=1)
@example(n=4, src_kind="rows", trg_kind="tensor", seed=2)
@example(n=0, src_kind="list", trg_kind="list", seed=3)
def length(sub, n, src_kind, trg_kind, seed):
    src, trg = make_pair(n, src_kind, trg_kind, seed)
    call = f"len(PairDataset({shown(src)}, {shown(trg)}))"
    got = probe(sub, call, "dataset_len", src, trg)
    if type(got) is not int or got != n:
        hint = ""
        if type(got) is int and abs(got - n) == 1:
            hint = "; __len__ is the number of pairs, len(src), not the last index"
        fail_at(call, f"there are {n} pairs, but len(ds) is {got}{hint}", expected=n, got=got)


@check("ds[i] returns the pair (src[i], trg[i])", n=st.integers(1, 9), src_kind=src_kinds,
       trg_kind=trg_kinds, seed=seeds)
@example(n=3, src_kind="list", trg_kind="list", seed=4)
@example(n=4, src_kind="rows", trg_kind="tensor", seed=5)
@example(n=2, src_kind="tensor", trg_kind="list", seed=6)
def items(sub, n, src_kind, trg_kind, seed):
    src, trg = make_pair(n, src_kind, trg_kind, seed)
    indices = list(range(n))
    got = probe(sub, f"{building(src, trg)}; [ds[i] for i in range({n})]", "dataset_items",
                src, trg, indices)
    expect(isinstance(got, list) and len(got) == n, "ds[i] did not return one value per index",
           got=got)
    for i in indices:
        expect_pair(got[i], src, trg, i, f"{building(src, trg)}; ds[{i}]")


@check("negative indices count from the end, as in a list", n=st.integers(1, 9),
       src_kind=src_kinds, trg_kind=trg_kinds, seed=seeds)
@example(n=3, src_kind="list", trg_kind="list", seed=7)
@example(n=1, src_kind="tensor", trg_kind="tensor", seed=8)
def negative_indices(sub, n, src_kind, trg_kind, seed):
    src, trg = make_pair(n, src_kind, trg_kind, seed)
    indices = list(range(-1, -n - 1, -1))
    outcomes = probe(sub, f"{building(src, trg)}; ds[-1], …, ds[{-n}]", "index_outcomes", src,
                     trg, indices)
    for i, outcome in zip(indices, outcomes, strict=True):
        call = f"{building(src, trg)}; ds[{i}]"
        if "raised" in outcome:
            fail_at(call, f"ds[{i}] raised {outcome['error']}; a negative "
                    f"index counts from the end, as in a list: ds[{i}] is ds[{n + i}]",
                    expected=(src[i], trg[i]), got=outcome["error"])
        expect_pair(outcome["returned"], src, trg, i, call)


@check("an index out of range raises IndexError", n=lengths, src_kind=src_kinds,
       trg_kind=trg_kinds, past=st.integers(0, 3), below=st.booleans(), seed=seeds)
@example(n=3, src_kind="list", trg_kind="list", past=0, below=False, seed=9)
@example(n=3, src_kind="tensor", trg_kind="list", past=0, below=True, seed=10)
@example(n=0, src_kind="list", trg_kind="list", past=0, below=False, seed=11)
def out_of_range(sub, n, src_kind, trg_kind, past, below, seed):
    src, trg = make_pair(n, src_kind, trg_kind, seed)
    index = -n - 1 - past if below else n + past
    call = f"{building(src, trg)}; ds[{index}]"
    [outcome] = probe(sub, call, "index_outcomes", src, trg, [index])
    if "returned" in outcome:
        fail_at(call, f"ds[{index}] returned a value, but the dataset has only {n} items; an "
                "index out of range must raise IndexError (that is also how `for pair in ds` "
                "knows where to stop): do not wrap it around with %",
                expected="IndexError", got=outcome["returned"])
    if not outcome["index_error"]:
        fail_at(call, f"ds[{index}] raised {outcome['raised']}, but an index out of range "
                "should raise IndexError, as a list does", expected="IndexError",
                got=outcome["error"])


@check("PairDataset raises ValueError when src and trg differ in length", n=lengths,
       extra=st.integers(-3, 3).filter(bool), src_kind=src_kinds, trg_kind=trg_kinds,
       seed=seeds)
@example(n=3, extra=1, src_kind="list", trg_kind="list", seed=12)
@example(n=4, extra=-1, src_kind="rows", trg_kind="tensor", seed=13)
def length_mismatch(sub, n, extra, src_kind, trg_kind, seed):
    trg_n = max(0, n + extra)
    if trg_n == n:
        trg_n = n + 1
    src, trg = make_pair(n, src_kind, trg_kind, seed, trg_n=trg_n)
    outcome = sub.outcome("PairDataset", src, trg)
    if not isinstance(outcome, Raised):
        fail(f"PairDataset accepted src of {n} items and trg of {trg_n}; raise ValueError "
             "when their lengths differ (zip(src, trg) would silently drop the extra items)",
             expected="ValueError", got="a dataset")
    if not outcome.is_a("ValueError"):
        shown_error = f"{outcome.type}: {outcome.message}"
        why = (" (an assert raises AssertionError, and python -O skips asserts)"
               if outcome.is_a("AssertionError") else "")
        fail(f"PairDataset raised {shown_error} for src of {n} items and trg of {trg_n}; "
             f"raise ValueError instead{why}", expected="ValueError", got=shown_error)


@check("DataLoader(PairDataset(src, trg), batch_size=k) gives (src_batch, trg_batch) pairs",
       n=st.integers(1, 9), batch_size=st.integers(1, 4), src_kind=src_kinds,
       trg_kind=trg_kinds, seed=seeds)
@example(n=5, batch_size=2, src_kind="list", trg_kind="list", seed=14)
@example(n=4, batch_size=3, src_kind="rows", trg_kind="tensor", seed=15)
def in_dataloader(sub, n, batch_size, src_kind, trg_kind, seed):
    src, trg = make_pair(n, src_kind, trg_kind, seed)
    call = f"DataLoader(PairDataset({shown(src)}, {shown(trg)}), batch_size={batch_size})"
    got = probe(sub, call, "through_dataloader", src, trg, batch_size)
    chunks = [[(src[i], trg[i]) for i in range(k, min(k + batch_size, n))]
              for k in range(0, n, batch_size)]
    if not isinstance(got, list) or len(got) != len(chunks):
        fail_at(call, f"the DataLoader should give {len(chunks)} batches",
                expected=len(chunks), got=len(got) if isinstance(got, list) else got)
    for index, (chunk, batch) in enumerate(zip(chunks, got, strict=True)):
        want = default_collate(chunk)
        if not isinstance(batch, (list, tuple)) or len(batch) != 2:
            fail_at(call, f"batch {index} should be [src_batch, trg_batch]", expected=want,
                    got=batch)
        for half, what in ((0, "src_batch"), (1, "trg_batch")):
            try:
                expect_close(batch[half], want[half], f"{what} of batch {index}", rtol=0, atol=0)
            except CheckFailed as failed:
                failed.call = call
                raise


def chunks_of(order, batch_size, drop_last):
    full = [order[k:k + batch_size] for k in range(0, len(order), batch_size)]
    if drop_last and full and len(full[-1]) < batch_size:
        full.pop()
    return full


def loader_call(n, batch_size, keywords, positional=()):
    args = [f"dataset of {n} items", str(batch_size), *(repr(v) for v in positional)]
    args += [f"{k}={v!r}" for k, v in keywords.items()]
    return f"make_loader({', '.join(args)})"


@check("without shuffle, make_loader gives the items in order, batch_size at a time "
       "(the last batch smaller, or dropped with drop_last=True)",
       n=st.integers(0, 30), batch_size=st.integers(1, 8), drop_last=st.booleans(),
       seed=st.one_of(st.none(), seeds), style=st.sampled_from(["keywords", "defaults",
                                                                 "positional"]))
@example(n=10, batch_size=3, drop_last=False, seed=None, style="keywords")
@example(n=10, batch_size=3, drop_last=True, seed=None, style="keywords")
@example(n=7, batch_size=3, drop_last=True, seed=5, style="positional")
@example(n=6, batch_size=4, drop_last=False, seed=None, style="defaults")
def in_order(sub, n, batch_size, drop_last, seed, style):
    if style == "defaults":
        drop_last, seed = False, None
        keywords, positional = {}, ()
    elif style == "positional":
        keywords, positional = {}, (False, drop_last, seed)
    else:
        keywords, positional = {"shuffle": False, "drop_last": drop_last, "seed": seed}, ()
    call = loader_call(n, batch_size, keywords, positional)
    got = probe(sub, call, "loader_batches", n, batch_size, keywords, positional)
    if not got["is_loader"]:
        fail_at(call, f"make_loader returned a {got['type']}; return a "
                "torch.utils.data.DataLoader", expected="a DataLoader", got=got["type"])
    want = chunks_of(list(range(n)), batch_size, drop_last)
    batches = got["batches"]
    if batches == want:
        expect(got["len"] == len(want), f"len(loader) is {got['len']}, but it gives "
               f"{len(want)} batches", expected=len(want), got=got["len"])
        return
    order = [value for batch in batches for value in batch]
    if order == sorted(order):
        if drop_last and batches == chunks_of(list(range(n)), batch_size, False):
            fail_at(call, "drop_last=True should drop the last, incomplete batch; pass "
                    "drop_last on to the DataLoader", expected=want, got=batches)
        if not drop_last and batches == chunks_of(list(range(n)), batch_size, True):
            fail_at(call, "the last, incomplete batch is missing, but drop_last is False",
                    expected=want, got=batches)
        fail_at(call, f"the batches should hold batch_size={batch_size} items each (the last "
                "may be smaller)", expected=want, got=batches)
    fail_at(call, "with shuffle=False the items must come in their order, 0, 1, 2, …; this "
            "loader shuffled them (a seed alone must not turn shuffling on)", expected=want,
            got=batches)


@check("num_batches(n, batch_size, drop_last) is ceil(n / batch_size), or floor with "
       "drop_last=True", n=st.integers(0, 10**6), batch_size=st.integers(1, 1000),
       drop_last=st.booleans())
@example(n=10, batch_size=3, drop_last=False)
@example(n=10, batch_size=3, drop_last=True)
@example(n=12, batch_size=4, drop_last=False)
@example(n=0, batch_size=5, drop_last=False)
@example(n=2, batch_size=5, drop_last=True)
def batch_math(sub, n, batch_size, drop_last):
    got = sub.call("num_batches", n, batch_size, drop_last)
    want = reference.num_batches(n, batch_size, drop_last)
    if isinstance(got, float) and got == want:
        fail(f"num_batches returned the float {got!r}; return an int (// keeps ints)",
             expected=want, got=got)
    if type(got) is not int or got != want:
        fail(f"{n} items in batches of {batch_size} with drop_last={drop_last} make {want} "
             f"batches, not {got!r}" + explain_count(got, n, batch_size, drop_last),
             expected=want, got=got)


def explain_count(got, n, batch_size, drop_last):
    floor, ceil = n // batch_size, -(-n // batch_size)
    if got == (floor if not drop_last else ceil) and floor != ceil:
        return ("; ceil and floor are swapped: drop_last=True drops the incomplete batch "
                "(floor), drop_last=False keeps it (ceil)")
    if isinstance(got, int) and got == floor + 1 and n % batch_size == 0:
        return (f"; {n} items split evenly into batches of {batch_size}, so there is no "
                "extra, incomplete batch")
    return ""


@check("num_batches equals len(make_loader(...)) of a real DataLoader",
       n=st.integers(0, 60), batch_size=st.integers(1, 12), drop_last=st.booleans())
@example(n=10, batch_size=3, drop_last=True)
@example(n=12, batch_size=4, drop_last=False)
@example(n=0, batch_size=1, drop_last=False)
def matches_dataloader(sub, n, batch_size, drop_last):
    got = probe(sub, f"num_batches({n}, {batch_size}, {drop_last}); len("
                f"{loader_call(n, batch_size, {'drop_last': drop_last})})", "batch_counts", n,
                batch_size, drop_last)
    want = got["torch_len"]
    assert want == got["iterated"] == reference.num_batches(n, batch_size, drop_last)
    count = got["num_batches"]
    if count != want or type(count) is not int:
        fail_at(f"num_batches({n}, {batch_size}, {drop_last})",
                f"DataLoader(dataset of {n}, batch_size={batch_size}, drop_last={drop_last}) "
                f"gives {want} batches, but num_batches says {count!r}"
                + explain_count(count, n, batch_size, drop_last), expected=want, got=count)
    if got["loader_len"] != want:
        fail_at(loader_call(n, batch_size, {"drop_last": drop_last}),
                f"len(make_loader(...)) is {got['loader_len']}, but with drop_last={drop_last} "
                f"it should be {want}; pass batch_size and drop_last on to the DataLoader",
                expected=want, got=got["loader_len"])


def expect_permutation(order, n, call):
    if sorted(order) != list(range(n)):
        fail_at(call, f"one pass over a shuffled loader should give each of the {n} items "
                "exactly once", expected=f"a permutation of 0..{n - 1}", got=order)


shuffle_sizes = st.integers(6, 40)


@check("with shuffle=True and a seed, the same seed gives the same order, whatever torch's "
       "global RNG is doing", n=shuffle_sizes, batch_size=st.integers(1, 8), seed=seeds,
       global_seeds=st.lists(st.integers(0, 2**31 - 1), min_size=3, max_size=3))
@example(n=10, batch_size=3, seed=0, global_seeds=[1, 2, 3])
@example(n=8, batch_size=1, seed=42, global_seeds=[7, 7, 9])
def same_seed_same_order(sub, n, batch_size, seed, global_seeds):
    making = loader_call(n, batch_size, {"shuffle": True, "seed": seed})
    call = (f"torch.manual_seed(...); a = {making}; torch.manual_seed(...); "
            "b = make_loader(<the same>); iterate a, then b")
    orders = probe(sub, call, "same_seed_orders", n, batch_size, seed, global_seeds)
    for order in orders:
        expect_permutation(order, n, call)
    if orders[0] != orders[1]:
        fail_at(call, "two loaders made with the same seed gave different orders, so the order "
                "depends on something else (torch's global RNG, or a generator shared between "
                "loaders); give each loader its own torch.Generator().manual_seed(seed)",
                expected=orders[0], got=orders[1])
    if orders[2] != orders[0]:
        fail_at(f"c = {making}; torch.rand(...); iterate c",
                "drawing from torch's global RNG between making the loader and reading it "
                "changed the order; the order must come from the loader's own generator "
                "(DataLoader(..., generator=torch.Generator().manual_seed(seed)))",
                expected=orders[0], got=orders[2])


@check("different seeds give different shuffled orders", n=shuffle_sizes,
       batch_size=st.integers(1, 8), seed=st.integers(0, 2**31 - 5),
       global_seed=st.integers(0, 2**31 - 1))
@example(n=10, batch_size=4, seed=0, global_seed=0)
def seed_matters(sub, n, batch_size, seed, global_seed):
    seeds_used = [seed, seed + 1, seed + 2, seed + 3]
    call = "; ".join(loader_call(n, batch_size, {"shuffle": True, "seed": s})
                     for s in seeds_used[:2]) + "; …"
    orders = probe(sub, call, "seed_orders", n, batch_size, seeds_used, global_seed)
    for order in orders:
        expect_permutation(order, n, call)
    if all(order == list(range(n)) for order in orders):
        fail_at(call, "shuffle=True with a seed did not shuffle: every order is 0, 1, 2, …",
                expected="shuffled orders", got=orders[0])
    if all(order == orders[0] for order in orders):
        fail_at(call, f"the seeds {seeds_used} all gave the same order, so the seed is not "
                "used; seed the generator with it: torch.Generator().manual_seed(seed)",
                expected="different orders", got=orders[0])


@check("making a seeded loader leaves torch's global RNG alone (no torch.manual_seed)",
       n=shuffle_sizes, batch_size=st.integers(1, 8), seed=seeds,
       global_seed=st.integers(0, 2**31 - 1))
@example(n=10, batch_size=2, seed=3, global_seed=4)
def global_rng_untouched(sub, n, batch_size, seed, global_seed):
    call = loader_call(n, batch_size, {"shuffle": True, "seed": seed})
    changed = probe(sub, call, "global_rng_effect", n, batch_size, seed, global_seed)
    if changed:
        fail_at(call,
                "make_loader changed torch's global random state (torch.manual_seed?); that "
                "silently resets the randomness of everything else (weight init, dropout, "
                "augmentation). Seed a private torch.Generator and pass it as generator=",
                expected="global RNG state unchanged", got="global RNG state changed")


@check("shuffle=True without a seed still shuffles", n=shuffle_sizes,
       batch_size=st.integers(1, 8))
@example(n=10, batch_size=3)
def shuffles_without_seed(sub, n, batch_size):
    call = loader_call(n, batch_size, {"shuffle": True})
    orders = probe(sub, call, "unseeded_orders", n, batch_size, 3)
    for order in orders:
        expect_permutation(order, n, call)
    if all(order == list(range(n)) for order in orders):
        fail_at(call, "with shuffle=True and no seed the items still came in order 0, 1, 2, …; "
                "shuffle must work without a seed too (then the order is simply not "
                "reproducible)", expected="a shuffled order", got=orders[0])

