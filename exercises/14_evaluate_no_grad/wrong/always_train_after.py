import torch


def evaluate(model, loader):
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(dim=1) == y).sum().item()
            total += y.numel()
    model.train()  # even if it was in eval mode before
    if total == 0:
        raise ValueError("no samples")
    return correct / total
