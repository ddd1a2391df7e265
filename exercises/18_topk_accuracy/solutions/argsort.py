# Style: argsort descending and keep the first k columns; labels[:, None] to broadcast.
# 风格：降序 argsort 后取前 k 列；用 labels[:, None] 广播比较。
from torch import Tensor


def topk_accuracy(logits: Tensor, labels: Tensor, k: int = 1) -> float:
    if labels.numel() == 0:
        raise ValueError("empty batch")
    if not 0 < k <= logits.shape[-1]:
        raise ValueError(f"k={k} is out of range")
    ranked = logits.argsort(dim=1, descending=True)[:, :k]
    matches = (ranked == labels[:, None]).sum()  # at most one match per row
    return matches.item() / len(labels)
