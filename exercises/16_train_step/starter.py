"""Exercise 16: one training step.

train_step(model, batch, optimizer, loss_fn) trains `model` on one batch (x, y):
1. zero the gradients left over from before (optimizer.zero_grad()),
2. forward: loss = loss_fn(model(x), y),
3. back-propagate: loss.backward(),
4. update the parameters: optimizer.step() (exactly once),
and returns the loss as a Python float (loss.item()), not as a tensor.
"""

from collections.abc import Callable

import torch
from torch import nn


def train_step(model: nn.Module, batch: tuple[torch.Tensor, torch.Tensor],
               optimizer: torch.optim.Optimizer, loss_fn: Callable) -> float:
    # TODO: zero_grad, forward + loss, backward, step; return the loss as a float.
    raise NotImplementedError("train_step is not written yet: optimizer.zero_grad(), "
                              "loss = loss_fn(model(x), y), loss.backward(), optimizer.step(), "
                              "return loss.item()")
