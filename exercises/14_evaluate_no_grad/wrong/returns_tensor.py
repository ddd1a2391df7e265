import torch


def evaluate(model, loader):
    was_training = model.training
    model.eval()
    correct = torch.tensor(0)
    total = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(dim=1) == y).sum()
            total += y.numel()
    model.train(was_training)
    if total == 0:
        raise ValueError("no samples")
    return correct / total  # a 0-dim tensor, not a float
