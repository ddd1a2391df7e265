"""Runs in the worker: call masked_max, unpack what it returns, and watch its inputs.

torch.max returns a torch.return_types.max, which cannot cross to the supervisor as it is, so
the pair is unpacked here: any result that unpacks into two items is accepted.
"""

import torch


def call_masked_max(module, x, mask, dim):
    x_before, mask_before = x.clone(), mask.clone()
    result = module.masked_max(x, mask, dim)
    seen = {
        "type": type(result).__name__,
        "x_unchanged": bool(torch.equal(x, x_before)),
        "mask_unchanged": bool(torch.equal(mask, mask_before)),
    }
    if not seen["x_unchanged"]:
        seen["x_after"] = x
    if not seen["mask_unchanged"]:
        seen["mask_after"] = mask
    try:
        values, indices = result
    except (TypeError, ValueError):
        seen["pair"] = False
        seen["result"] = result if isinstance(result, torch.Tensor) else repr(result)[:200]
        return seen
    seen["pair"] = True
    seen["values"] = values if isinstance(values, torch.Tensor) else repr(values)[:200]
    seen["indices"] = indices if isinstance(indices, torch.Tensor) else repr(indices)[:200]
    return seen
