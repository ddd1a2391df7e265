import torch


def evaluate(model, loader):
    was_training = model.training
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(dim=0) == y).sum().item()  # dim 0 is the batch
            total += y.numel()
    model.train(was_training)
    if total == 0:
        raise ValueError("no samples")
    return correct / total
