def topk_accuracy(logits, labels, k=1):
    if logits.shape[0] == 0 or not 1 <= k <= logits.shape[1]:
        raise ValueError("bad k or empty batch")
    pred = logits.argmax(dim=1)
    return (pred == labels).float().mean().item()
