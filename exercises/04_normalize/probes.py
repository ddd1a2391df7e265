"""Runs in the worker: watch what normalize does to the tensors it is given."""

import torch


def normalize_and_watch(module, images, mean, std):
    given = {"images": images, "mean": mean, "std": std}
    before = {name: t.clone() for name, t in given.items()}
    result = module.normalize(images, mean, std)
    seen = {"is_input": result is images}
    for name, t in given.items():
        seen[f"{name}_unchanged"] = (t.shape == before[name].shape
                                     and bool(torch.equal(t, before[name])))
        seen[f"{name}_before"] = before[name]
        seen[f"{name}_after"] = t.clone()
    return seen
