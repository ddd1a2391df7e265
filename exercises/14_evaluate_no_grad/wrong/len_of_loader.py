import torch


def evaluate(model, loader):
    if len(loader) == 0:  # a list or a DataLoader has a len(), a generator does not
        raise ValueError("the loader has no batches")
    was_training = model.training
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(dim=1) == y).sum().item()
            total += y.numel()
    model.train(was_training)
    if total == 0:
        raise ValueError("the loader has no samples")
    return correct / total
