import torch


def evaluate(model, loader):
    was_training = model.training
    model.eval()
    correct = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(dim=1) == y).sum().item()
    model.train(was_training)
    total = len(loader.dataset)  # only a DataLoader has .dataset
    if total == 0:
        raise ValueError("no samples")
    return correct / total
