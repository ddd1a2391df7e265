# Style: hand-written, no topk: a label is in the top k when fewer than k logits beat it.
# 风格：不用 topk，手写：比标签得分大的 logit 少于 k 个，标签就在前 k 名里。
import torch


def topk_accuracy(logits, labels, k=1):
    n, c = logits.shape
    if n == 0:
        raise ValueError("topk_accuracy needs at least one row")
    if k < 1 or k > c:
        raise ValueError("k must be between 1 and the number of classes")
    label_score = torch.gather(logits, 1, labels.unsqueeze(1))  # [N, 1]
    beaten_by = (logits > label_score).sum(dim=1)  # [N]
    return (beaten_by < k).double().mean().item()
