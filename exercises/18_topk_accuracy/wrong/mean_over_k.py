def topk_accuracy(logits, labels, k=1):
    if logits.shape[0] == 0 or not 1 <= k <= logits.shape[1]:
        raise ValueError("bad k or empty batch")
    top = logits.topk(k, dim=1).indices
    return (top == labels.unsqueeze(1)).float().mean().item()
