"""Checks for exercise 04: per-channel statistics and Normalize.

Images are built here from drawn sizes and a drawn seed. N, C, H and W are drawn distinct so a
reduction or a broadcast over the wrong axis cannot pass by luck; the @example pins add the
cases where it would (W == C, one image, one pixel).
"""

import torch
from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect, expect_close, expect_type, fail

from . import reference

RTOL = 1e-4  # float32 sums in any order, E[x^2] - E[x]^2 included
ATOL = 1e-5

seeds = st.integers(0, 2**31 - 1)
nchw = st.lists(st.integers(1, 7), min_size=4, max_size=4, unique=True).map(tuple)
chw = st.lists(st.integers(1, 7), min_size=3, max_size=3, unique=True).map(tuple)


@st.composite
def many_images(draw):
    """More images than the common mini-batch sizes (16, 20, 32, 64), each only 1-3 pixels a
    side: statistics averaged over mini-batches equal the exact ones whenever N fits in one
    batch, so N must be bigger than a batch for that mistake to show."""
    h, w = draw(st.lists(st.integers(1, 3), min_size=2, max_size=2, unique=True))
    c = draw(st.integers(1, 7).filter(lambda size: size not in (h, w)))
    return (draw(st.integers(65, 130)), c, h, w)


# Every run draws both kinds; the @example pins below hold a few large N whatever is drawn.
stats_shapes = st.one_of(nchw, many_images())


def make_images(shape, seed):
    """Float32 images whose channels have different offsets and spreads."""
    g = torch.Generator().manual_seed(seed)
    c = shape[1] if len(shape) == 4 else shape[0]
    per_channel = [c, 1, 1]
    scale = (torch.rand(c, generator=g) * 1.5 + 0.5).reshape(per_channel)
    offset = (torch.rand(c, generator=g) * 2 - 1).reshape(per_channel)
    return torch.rand(shape, generator=g) * scale + offset


def make_mean_std(c, seed):
    g = torch.Generator().manual_seed(seed + 1)
    return torch.randn(c, generator=g), torch.rand(c, generator=g) + 0.5


def close(a, b):
    return (isinstance(a, torch.Tensor) and a.shape == b.shape
            and bool(torch.allclose(a.double(), b.double(), rtol=RTOL, atol=ATOL)))


def stats_pair(sub, images):
    got = sub.call("channel_stats", images)
    if not isinstance(got, (tuple, list)) or len(got) != 2:
        fail("channel_stats should return a pair (mean, std)", expected="(mean, std)", got=got)
    mean, std = got
    c = images.shape[1]
    for value, what in ((mean, "mean"), (std, "std")):
        expect_type(value, torch.Tensor, f"the {what}")
        expect(tuple(value.shape) == (c,),
               f"the {what} should have shape [C] = [{c}], one value per channel, but it has "
               f"shape {list(value.shape)}; reduce over dims 0, 2 and 3 (N, H and W) together",
               expected=f"shape [{c}]", got=value)
        expect(value.is_floating_point(), f"the {what} should be a float tensor", got=value)
    return mean, std


@check("channel_stats returns the mean of each channel over all N·H·W values",
       shape=stats_shapes, seed=seeds)
@example(shape=(6, 3, 2, 5), seed=1)  # N = 6: the last mini-batch of 4 has only 2 images
@example(shape=(2, 3, 4, 3), seed=2)  # W == C
@example(shape=(70, 3, 1, 2), seed=12)  # batches of 16, 20, 32 or 64 leave a smaller last one
@example(shape=(130, 2, 3, 1), seed=13)
def stats_mean(sub, shape, seed):
    images = make_images(shape, seed)
    mean, std = stats_pair(sub, images)
    want_mean, want_std = reference.channel_stats(images)
    if close(mean, want_std) and close(std, want_mean) and not close(mean, want_mean):
        fail("the pair is (std, mean) but should be (mean, std); note that torch.std_mean "
             "returns the std first", expected=(want_mean, want_std), got=(mean, std))
    if not close(mean, want_mean):
        for size in range(1, images.shape[0]):
            batch_means = torch.stack([b.mean(dim=(0, 2, 3)) for b in images.split(size)])
            if close(mean, batch_means.mean(dim=0)):
                fail(f"the mean is an average of per-batch means (batches of {size}); the "
                     "smaller last batch then counts as much as a full one. Average all N·H·W "
                     "values of each channel at once", expected=want_mean, got=mean)
        expect_close(mean, want_mean, "the mean (first item)", rtol=RTOL, atol=ATOL,
                     check_dtype=False)


def std_diagnosis(images, std):
    """A pointed message when ``std`` matches a known mistake, else None."""
    c = images.shape[1]
    per_channel = images.transpose(0, 1).reshape(c, -1).double()
    if per_channel.shape[1] > 1 and close(std, per_channel.std(dim=1).float()):
        return ("the std is the unbiased (sample) one, dividing by n - 1; transforms.Normalize "
                "statistics use the population std: unbiased=False (or correction=0)")
    if close(std, images.double().std(dim=(2, 3), unbiased=False).mean(dim=0).float()):
        return ("the std looks like the average of per-image stds; compute one std per channel "
                "over all N·H·W values at once")
    for size in range(2, images.shape[0]):
        batch_stds = [b.std(dim=(0, 2, 3), unbiased=False) for b in images.double().split(size)]
        if close(std, torch.stack(batch_stds).mean(dim=0).float()):
            return (f"the std is an average of per-batch stds (batches of {size}); stds do not "
                    "average: the spread between batches is lost. Compute one std per channel "
                    "over all N·H·W values at once")
    if close(std, images.double().std(unbiased=False).expand(c).float()):
        return "the std is taken over all channels together; compute one std per channel"
    return None


@check("channel_stats returns the population std (unbiased=False) of each channel over all "
       "N·H·W values", shape=stats_shapes, seed=seeds)
@example(shape=(3, 2, 4, 5), seed=3)
@example(shape=(1, 3, 1, 2), seed=4)  # only 2 values per channel: n - 1 makes a big difference
@example(shape=(2, 3, 4, 3), seed=5)  # W == C
@example(shape=(96, 3, 1, 2), seed=14)  # three full batches of 32: stds still do not average
@example(shape=(77, 2, 1, 3), seed=15)
def stats_std(sub, shape, seed):
    images = make_images(shape, seed)
    mean, std = stats_pair(sub, images)
    _, want = reference.channel_stats(images)
    if close(std, want):
        return
    diagnosis = std_diagnosis(images, std)
    if diagnosis:
        fail(diagnosis, expected=want, got=std)
    expect_close(std, want, "the std (second item)", rtol=RTOL, atol=ATOL, check_dtype=False)


def expect_normalized(images, mean, std, got):
    want = reference.normalize(images, mean, std)
    expect_type(got, torch.Tensor, "the result of normalize")
    expect(tuple(got.shape) == tuple(images.shape),
           f"normalize should keep the shape of its input, {list(images.shape)}, but returned "
           f"shape {list(got.shape)}; shape mean and std as [C, 1, 1] so they line up with the "
           "channel axis of both [C, H, W] and [N, C, H, W]",
           expected=want, got=got)
    if close(got, want):
        return
    if images.shape[-1] == mean.shape[0] and close(got, (images - mean) / std):
        fail("mean and std were applied along the last axis (W), not the channel axis: "
             "`images - mean` lines a [C] tensor up with W; reshape them to [C, 1, 1]",
             expected=want, got=got)
    expect_close(got, want, "the result of normalize", rtol=RTOL, atol=ATOL)


@check("normalize computes (images - mean) / std per channel for a batch [N, C, H, W]",
       shape=nchw, seed=seeds)
@example(shape=(2, 3, 4, 3), seed=6)  # W == C: broadcasting against W runs, but is wrong
@example(shape=(5, 1, 2, 3), seed=7)
def normalize_batch(sub, shape, seed):
    images = make_images(shape, seed)
    mean, std = make_mean_std(shape[1], seed)
    got = sub.call("normalize", images, mean, std)
    expect_normalized(images, mean, std, got)


@check("normalize also accepts a single image [C, H, W]", shape=chw, seed=seeds)
@example(shape=(3, 4, 5), seed=8)
@example(shape=(3, 5, 3), seed=9)  # W == C
def normalize_single(sub, shape, seed):
    images = make_images(shape, seed)
    mean, std = make_mean_std(shape[0], seed)
    got = sub.call("normalize", images, mean, std)
    expect_normalized(images, mean, std, got)


@check("normalize leaves images, mean and std unchanged and returns a new tensor",
       shape=nchw, single=st.booleans(), seed=seeds)
@example(shape=(2, 3, 4, 5), single=False, seed=10)
@example(shape=(2, 3, 4, 5), single=True, seed=11)
def normalize_keeps_inputs(sub, shape, single, seed):
    if single:
        shape = shape[1:]
    images = make_images(shape, seed)
    mean, std = make_mean_std(images.shape[-3], seed)
    seen = sub.probe("normalize_and_watch", images, mean, std, shown_as="normalize")
    for name in ("images", "mean", "std"):
        expect(seen[f"{name}_unchanged"],
               f"normalize changed the `{name}` tensor it was given (an in-place operation "
               "such as sub_, div_, unsqueeze_ or `-=`); the caller still needs it as it was, "
               "so compute a new tensor",
               expected=seen[f"{name}_before"], got=seen[f"{name}_after"])
    expect(not seen["is_input"],
           "normalize returned the very tensor it was given; return a new tensor")
