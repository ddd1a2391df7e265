import torch


def evaluate(model, loader):
    correct = total = 0
    with torch.no_grad():  # but never model.eval()
        for x, y in loader:
            correct += (model(x).argmax(dim=1) == y).sum().item()
            total += y.numel()
    if total == 0:
        raise ValueError("no samples")
    return correct / total
