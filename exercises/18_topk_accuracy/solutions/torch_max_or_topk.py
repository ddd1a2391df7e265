# Style: torch.max for k=1 and torch.topk otherwise, counting hits then dividing by N.
# 风格：k=1 时用 torch.max，否则用 torch.topk；先数命中的行，再除以 N。
import torch


def topk_accuracy(logits, labels, k=1):
    n, c = logits.shape
    if k < 1 or k > c:
        raise ValueError(f"k must be in [1, {c}], got {k}")
    if n == 0:
        raise ValueError("no rows to score")
    if k == 1:
        _, predicted = torch.max(logits, 1)
        correct = (predicted == labels).sum().item()
    else:
        _, predicted = torch.topk(logits, k, dim=1)
        correct = (predicted == labels.view(-1, 1)).any(dim=1).sum().item()
    return correct / n
