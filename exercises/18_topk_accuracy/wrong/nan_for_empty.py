def topk_accuracy(logits, labels, k=1):
    if not 1 <= k <= logits.shape[1]:
        raise ValueError("bad k")
    top = logits.topk(k, dim=1).indices
    return (top == labels.unsqueeze(1)).any(dim=1).float().mean().item()
