import torch


def evaluate(model, loader):
    total = sum(y.numel() for _, y in loader)  # a first pass, just to count
    if total == 0:
        raise ValueError("the loader has no samples")
    was_training = model.training
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(dim=1) == y).sum().item()
    model.train(was_training)
    return correct / total
