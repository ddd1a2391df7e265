import torch


def topk_accuracy(logits, labels, k=1):
    if logits.shape[0] == 0 or not 1 <= k <= logits.shape[1]:
        raise ValueError("bad k or empty batch")
    if k == 1:
        _, pred = torch.max(logits, 0)
        return (pred == labels).float().mean().item()
    top = logits.topk(k, dim=0).indices.t()
    return (top == labels.unsqueeze(1)).any(dim=1).float().mean().item()
