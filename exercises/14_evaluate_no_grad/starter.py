"""Exercise 14: evaluate without gradients.

evaluate(model, loader) returns the top-1 accuracy (a Python float in [0, 1]) of `model` over
every sample of `loader`, an iterable of (x, y) batches: x goes into the model, which returns
logits [batch, classes]; y holds the int class labels [batch].
- Run the forwards in eval mode (model.eval()) with gradient tracking off (torch.no_grad()).
- Count correct predictions and samples over ALL batches (the last batch may be smaller).
- Put the model back in the training mode it had before (model.train(was_training)).
- Raise ValueError when the loader has no samples.
"""

from collections.abc import Iterable

import torch
from torch import nn


def evaluate(model: nn.Module, loader: Iterable[tuple[torch.Tensor, torch.Tensor]]) -> float:
    # TODO: remember model.training, switch to eval, loop under torch.no_grad(), restore.
    raise NotImplementedError("evaluate is not written yet: return correct / total over all "
                              "batches, computed in eval mode under torch.no_grad()")
