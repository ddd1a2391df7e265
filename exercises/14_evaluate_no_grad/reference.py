from collections.abc import Iterable

import torch
from torch import nn


def evaluate(model: nn.Module, loader: Iterable[tuple[torch.Tensor, torch.Tensor]]) -> float:
    was_training = model.training
    model.eval()
    correct = 0
    total = 0
    try:
        with torch.no_grad():
            for x, y in loader:
                logits = model(x)
                correct += (logits.argmax(dim=1) == y).sum().item()
                total += y.numel()
    finally:
        model.train(was_training)
    if total == 0:
        raise ValueError("the loader has no samples")
    return correct / total
