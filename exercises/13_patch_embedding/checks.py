"""Checks for exercise 13: PatchEmbedding, learnable tokens with nn.Parameter.

The module is built in the worker after torch.manual_seed(seed); the probes report its
parameters (values included), its outputs for inputs built here, and the gradients after a
backward pass. Expected outputs and gradients are computed here from the reported parameter
values. num_patches, num_patches + 1, dim and the batch sizes are drawn distinct so a wrong
axis cannot pass by luck.
"""

import math

import torch
from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect, expect_close, fail

seeds = st.integers(0, 2**31 - 1)
RTOL, ATOL = 1e-5, 1e-6


@st.composite
def sizes(draw, patches=(1, 9), dims=(2, 12)):
    """(num_patches, dim) with dim different from num_patches and num_patches + 1."""
    num_patches = draw(st.integers(*patches))
    dim = draw(st.integers(*dims).filter(lambda d: d not in (num_patches, num_patches + 1)))
    return num_patches, dim


@st.composite
def forward_cases(draw):
    """(num_patches, dim, batch sizes): two or three batch sizes, at least one above 1, each
    either 1 or different from num_patches, num_patches + 1 and dim."""
    num_patches, dim = draw(sizes())
    choices = [b for b in range(1, 8) if b == 1 or b not in (num_patches, num_patches + 1, dim)]
    batches = draw(st.lists(st.sampled_from(choices), min_size=2, max_size=3))
    if max(batches) == 1:
        batches.append(max(choices))
    return num_patches, dim, batches


def _want_shapes(num_patches, dim):
    return {"cls_token": [1, 1, dim], "pos_embedding": [1, num_patches + 1, dim]}


def _expect_registered(seen, num_patches, dim):
    """Both attributes exist, are registered trainable Parameters and have the right shapes;
    returns their values."""
    want = _want_shapes(num_patches, dim)
    values = {}
    for name, info in seen["attributes"].items():
        what = f"self.{name}"
        if info["shape"] is None:
            fail(f"PatchEmbedding({num_patches}, {dim}) has no tensor attribute {name} (it is "
                 f"a {info['type']}); create it in __init__: {what} = "
                 "nn.Parameter(torch.randn(...))", expected=f"a Parameter of shape {want[name]}",
                 got=info["type"])
        if not info["in_parameters"]:
            kind = ("a buffer (register_buffer): saved with the model, but not trained"
                    if info["in_buffers"] else "a plain tensor")
            fail(f"{what} is {kind}, so it is not in model.parameters() and an optimizer will "
                 f"never update it; wrap it: {what} = nn.Parameter(torch.randn(...))",
                 expected="listed in model.parameters()", got=kind)
        expect(info["requires_grad"],
               f"{what} is a Parameter with requires_grad=False, so it will never be trained; "
               "leave requires_grad at its default (True)")
        if info["shape"] != want[name]:
            hint = ""
            if name == "pos_embedding" and info["shape"][1:2] == [num_patches]:
                hint = (": one position per token, and the cls token is a token too, so "
                        "num_patches + 1 positions")
            elif name == "cls_token" and info["shape"][:1] != [1]:
                hint = ": ONE token of size dim, shared by every sample (forward expands it)"
            fail(f"{what} has shape {info['shape']}, expected {want[name]}{hint}",
                 expected=want[name], got=info["shape"])
        values[name] = info["value"]
    return values


@check("registers cls_token [1, 1, dim] and pos_embedding [1, num_patches + 1, dim] as "
       "nn.Parameters", size=sizes(), seed=seeds)
@example(size=(4, 6), seed=0)
@example(size=(1, 3), seed=1)
def registered(sub, size, seed):
    num_patches, dim = size
    seen = sub.probe("describe", num_patches=num_patches, dim=dim, seed=seed)
    expect(seen["is_module"], f"PatchEmbedding(...) should be an nn.Module, but it is a "
           f"{seen['module_type']}: subclass nn.Module and call super().__init__()")
    _expect_registered(seen, num_patches, dim)
    names = [name for name, _ in seen["parameters"]]
    for name in ("cls_token", "pos_embedding"):
        expect(name in names,
               f"model.named_parameters() has no {name!r} (it lists {names}); assign the "
               f"Parameter to self.{name}", expected=name, got=names)


def _stats(tensor):
    x = tensor.detach().to(torch.float64).reshape(-1)
    return x.numel(), x.mean().item(), x.std().item()


@check("cls_token and pos_embedding start as torch.randn draws (mean 0, std 1)",
       size=sizes(patches=(2, 8), dims=(1024, 1536)), seed=seeds)
@example(size=(4, 1024), seed=0)
def randn_init(sub, size, seed):
    num_patches, dim = size
    seen = sub.probe("describe", num_patches=num_patches, dim=dim, seed=seed)
    expect(seen["is_module"], f"PatchEmbedding(...) should be an nn.Module, but it is a "
           f"{seen['module_type']}")
    values = _expect_registered(seen, num_patches, dim)
    for name, value in values.items():
        n, mean, std = _stats(value)
        got = f"mean {mean:.3g}, std {std:.3g}"
        # Six standard errors: a correct randn init never fails by bad luck.
        if std == 0:
            fail(f"every value of self.{name} is {mean:g}: it should start as random "
                 "torch.randn draws, not a constant (torch.zeros / torch.ones), so the "
                 "positions and the cls token start different from one another",
                 expected="mean 0, std 1", got=got)
        expect(abs(std - 1) <= 6 / math.sqrt(2 * n) and abs(mean) <= 6 / math.sqrt(n),
               f"self.{name} should start as torch.randn draws (mean 0, std 1), but its "
               f"{n} values have {got}; use nn.Parameter(torch.randn(shape)) as is "
               "(torch.rand is uniform on [0, 1), and no scaling)",
               expected="mean 0, std 1", got=got)


def _inputs(shapes, seed):
    """Built the same way in the worker's probe (probes.inputs)."""
    g = torch.Generator().manual_seed(seed)
    return [torch.randn(shape, generator=g) for shape in shapes]


def _forward_problem(y, x, cls, pos, want):
    """A pointed explanation when y matches a known mistake, else None."""
    b = x.shape[0]
    expanded = cls.expand(b, -1, -1)
    mistakes = [
        (torch.cat([x, expanded], dim=1) + pos,
         "the cls token is at the END; put it first: torch.cat([cls, x], dim=1)"),
        (torch.cat([expanded, x], dim=1),
         "pos_embedding was not added: add it to the concatenated tokens"),
        (torch.cat([expanded, x + pos[:, 1:]], dim=1),
         "pos_embedding was added to the patches only; the cls token needs its position too "
         "(add pos_embedding after concatenating)"),
        (torch.cat([expanded + pos[:, :1], x], dim=1),
         "pos_embedding was added to the cls token only"),
    ]
    for value, why in mistakes:
        if y.shape == value.shape and torch.allclose(y, value, rtol=RTOL, atol=ATOL) \
                and not torch.allclose(value, want, rtol=RTOL, atol=ATOL):
            return why
    return None


@check("forward(x) returns cat([cls_token expanded to B, x], dim=1) + pos_embedding",
       case=forward_cases(), seed=seeds)
@example(case=(4, 6, [1, 3, 2]), seed=0)
@example(case=(1, 3, [2, 1]), seed=1)
def forward(sub, case, seed):
    num_patches, dim, batches = case
    shapes = [[b, num_patches, dim] for b in batches]
    inputs = _inputs(shapes, seed + 2)
    seen = sub.probe("forward_batches", num_patches=num_patches, dim=dim, seed=seed,
                     x_shapes=shapes)
    values = _expect_registered(seen, num_patches, dim)
    cls, pos = values["cls_token"], values["pos_embedding"]
    for x, out in zip(inputs, seen["outputs"], strict=True):
        b = x.shape[0]
        where = f"for x of shape {list(x.shape)}"
        if "error" in out:
            hint = ""
            if "must match" in out["error"] or "Expected" in out["error"]:
                hint = (f". cls_token is [1, 1, {dim}]: expand it to one copy per sample, "
                        f"cls_token.expand(B, -1, -1) with B = x.shape[0], before "
                        "concatenating along dim 1")
            fail(f"forward failed {where}: {out['error']}{hint}",
                 expected=f"shape [{b}, {num_patches + 1}, {dim}]", got=out["error"])
        y = out["value"]
        want = torch.cat([cls.expand(b, -1, -1), x], dim=1) + pos
        expect(list(y.shape) == list(want.shape),
               f"forward {where} returned shape {list(y.shape)}, expected {list(want.shape)}: "
               "the cls token in front of the num_patches patch tokens, for every sample",
               expected=want, got=y)
        why = _forward_problem(y, x, cls, pos, want)
        if why is not None:
            fail(f"forward {where} is wrong: {why}", expected=want, got=y)
        expect_close(y, want, f"forward's output {where}", rtol=RTOL, atol=ATOL)


@check("gradients reach both cls_token and pos_embedding", size=sizes(), batch=st.integers(1, 5),
       weighted=st.booleans(), seed=seeds)
@example(size=(4, 6), batch=3, weighted=False, seed=0)
def gradients(sub, size, batch, weighted, seed):
    num_patches, dim = size
    x = _inputs([(batch, num_patches, dim)], seed)[0]
    upstream = (_inputs([(batch, num_patches + 1, dim)], seed + 1)[0] if weighted
                else torch.ones(batch, num_patches + 1, dim))
    seen = sub.probe("backward_once", num_patches=num_patches, dim=dim, seed=seed, x=x,
                     upstream=upstream)
    _expect_registered(seen, num_patches, dim)
    how = "(out * g).sum().backward()" if weighted else "out.sum().backward()"
    if "error" in seen:
        fail(f"forward then {how} failed: {seen['error']}", got=seen["error"])
    want = {"cls_token": upstream[:, :1].sum(dim=0, keepdim=True),
            "pos_embedding": upstream.sum(dim=0, keepdim=True)}
    for name, grad in seen["grads"].items():
        if grad is None:
            fail(f"after {how}, self.{name}.grad is None: the gradient never reached it. Use "
                 f"self.{name} itself in forward (expand, repeat and + keep the graph; "
                 ".data, .detach() or a torch.tensor(...) copy cut it)",
                 expected=f"a gradient of shape {list(want[name].shape)}", got="None")
        expect_close(grad, want[name], f"self.{name}.grad after {how}", rtol=RTOL, atol=ATOL)
