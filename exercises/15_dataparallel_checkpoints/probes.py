"""Runs in the worker: object identities and real models, which cannot cross the wire."""

from collections import OrderedDict
from collections.abc import Mapping

from grader.sandbox.probekit import error_text


def _nn():
    import torch

    return torch, torch.nn


class StateMapping(Mapping):
    """A read-only Mapping that is not a dict: no copy, pop, update or item assignment, and
    no constructor without arguments. The contract takes any Mapping[str, Tensor]."""

    def __init__(self, pairs):
        self._pairs = OrderedDict(pairs)

    def __getitem__(self, key):
        return self._pairs[key]

    def __iter__(self):
        return iter(self._pairs)

    def __len__(self):
        return len(self._pairs)

    def __repr__(self):
        return f"StateMapping({list(self._pairs)!r})"


def strip_a_state_dict(module, keys, as_mapping=False):
    """Strip a state dict built here (an OrderedDict, or a StateMapping); report, per original
    key, whether its tensor object arrived under the new key unchanged (the very same
    object)."""
    torch, _ = _nn()
    new_keys = [k[len("module."):] if k.startswith("module.") else k for k in keys]
    sd = OrderedDict((k, torch.full((i + 1,), float(i))) for i, k in enumerate(keys))
    originals = list(sd.values())
    if as_mapping:
        sd = StateMapping(sd)
        try:
            result = module.strip_module_prefix(sd)
        except Exception as exc:  # noqa: BLE001 - reported to the learner by the check
            return {"error": error_text(module, exc)}
    else:
        result = module.strip_module_prefix(sd)
    seen = {"result_type": type(result).__name__, "is_dict": isinstance(result, dict)}
    if not seen["is_dict"]:
        return seen
    same = []
    for new, tensor in zip(new_keys, originals, strict=True):
        if new not in result:
            same.append("missing")
        else:
            same.append(result[new] is tensor)
    seen["same"] = same
    seen["keys"] = [k if isinstance(k, str) else repr(k) for k in result]
    return seen


def _net(sizes):
    _, nn = _nn()
    a, b, c = sizes

    class Block(nn.Module):
        def __init__(self):
            super().__init__()
            self.module = nn.Linear(a, b)  # a child literally named "module"
            self.norm = nn.BatchNorm1d(b)

    class Net(nn.Module):
        def __init__(self):
            super().__init__()
            self.encoder = Block()
            self.head = nn.Sequential(nn.ReLU(), nn.Linear(b, c))

    return Net()


def save_strip_and_load(module, layer_sizes, seed, wrapped_in_dataparallel):
    """Save a (DataParallel-wrapped or bare) model, strip the keys, load them strictly into a
    fresh bare model and compare every tensor."""
    torch, nn = _nn()
    g = torch.Generator().manual_seed(seed)
    source = _net(layer_sizes)
    with torch.no_grad():
        for value in source.state_dict().values():
            if value.is_floating_point():
                value.copy_(torch.randn(value.shape, generator=g))
            else:
                value.fill_(seed % 97 + 1)
    want = {k: v.detach().clone() for k, v in source.state_dict().items()}
    saved_from = _data_parallel(source) if wrapped_in_dataparallel else source
    sd = saved_from.state_dict()
    given = list(sd)
    stripped = module.strip_module_prefix(sd)
    target = _net(layer_sizes)
    seen = {"given": given, "result_type": type(stripped).__name__}
    if isinstance(stripped, dict):
        seen["keys"] = [k if isinstance(k, str) else repr(k) for k in stripped]
        # load_state_dict quietly fills in a missing BatchNorm num_batches_tracked when the
        # dict carries no version metadata, so look for missing keys before loading.
        seen["missing"] = [k for k in target.state_dict() if k not in stripped]
    try:
        target.load_state_dict(stripped, strict=True)
    except Exception as exc:  # noqa: BLE001 - reported to the learner
        text = f"{type(exc).__name__}: {exc}"
        seen["error"] = text if len(text) <= 600 else text[:599] + "…"
        return seen
    seen["differ"] = [k for k, v in target.state_dict().items() if not torch.equal(v, want[k])]
    return seen


LINEAR = "nn.Linear(3, 2)"
SEQUENTIAL = "nn.Sequential(Linear, ReLU, Linear)"
HOLDER = "a plain nn.Module with a child named 'module'"


def _inner(kind):
    _, nn = _nn()
    if kind == LINEAR:
        return nn.Linear(3, 2)
    if kind == SEQUENTIAL:
        return nn.Sequential(nn.Linear(4, 3), nn.ReLU(), nn.Linear(3, 2))
    if kind != HOLDER:
        raise ValueError(kind)

    class Holder(nn.Module):
        """A plain model that happens to have a child named `module`."""

        def __init__(self):
            super().__init__()
            self.module = nn.Linear(3, 2)
            self.head = nn.Linear(2, 1)

    return Holder()


def _data_parallel(inner):
    """nn.DataParallel(inner). Without CUDA it only wraps; with CUDA it would move `inner` to
    the GPU, so there the wrapper is assembled by hand (same class, same `module` child)."""
    torch, nn = _nn()
    if not torch.cuda.is_available():
        return nn.DataParallel(inner)
    dp = nn.DataParallel.__new__(nn.DataParallel)
    nn.Module.__init__(dp)
    dp.add_module("module", inner)
    dp.device_ids = []
    return dp


def _fake_ddp(inner):
    """A DistributedDataParallel instance around `inner`, built without a process group:
    __init__ would need torch.distributed set up, so only nn.Module's part is initialised."""
    _, nn = _nn()
    ddp_type = nn.parallel.DistributedDataParallel
    ddp = ddp_type.__new__(ddp_type)
    nn.Module.__init__(ddp)
    ddp.add_module("module", inner)
    return ddp


def unwrap_model_of(module, wrapper, model):
    _, nn = _nn()
    inner = _inner(model)
    if wrapper == "nn.DataParallel":
        model = _data_parallel(inner)
    elif wrapper == "DistributedDataParallel":
        model = _fake_ddp(inner)
    elif wrapper is None:
        model = inner
    else:
        raise ValueError(wrapper)
    result = module.unwrap_model(model)
    names = {id(model): "the model it was given", id(inner): "the model inside"}
    if isinstance(getattr(inner, "module", None), nn.Module):
        names[id(inner.module)] = "the model's own child named `module`"
    return {
        "is_model": result is model,
        "is_inner": result is inner,
        "what": names.get(id(result), f"a different {type(result).__name__} object"),
    }
