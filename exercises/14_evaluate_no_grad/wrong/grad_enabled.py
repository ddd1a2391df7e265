def evaluate(model, loader):
    was_training = model.training
    model.eval()
    correct = total = 0
    for x, y in loader:  # no torch.no_grad(): autograd records every forward
        correct += (model(x).argmax(dim=1) == y).sum().item()
        total += y.numel()
    model.train(was_training)
    if total == 0:
        raise ValueError("no samples")
    return correct / total
