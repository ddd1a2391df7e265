from torch import Tensor


def topk_accuracy(logits: Tensor, labels: Tensor, k: int = 1) -> float:
    n, c = logits.shape
    if n == 0:
        raise ValueError("topk_accuracy needs at least one row")
    if not 1 <= k <= c:
        raise ValueError(f"k must be between 1 and the number of classes {c}, got {k}")
    top = logits.topk(k, dim=1).indices          # [N, k] class indices
    hits = (top == labels.unsqueeze(1)).any(dim=1)  # [N] bool
    return hits.float().mean().item()
