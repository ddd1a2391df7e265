# Style: `with torch.set_grad_enabled(False)`, torch.max for the predictions, try/finally.
# 风格：`with torch.set_grad_enabled(False)`，用 torch.max 取预测类别，try/finally 恢复模式。
import torch


def evaluate(model, loader):
    was_training = model.training
    model.eval()
    n_correct, n_total = 0, 0
    try:
        with torch.set_grad_enabled(False):
            for images, labels in loader:
                outputs = model(images)
                _, predicted = torch.max(outputs, 1)
                n_total += labels.size(0)
                n_correct += (predicted == labels).float().sum().item()
    finally:
        if was_training:
            model.train()
    if not n_total:
        raise ValueError("the loader yielded no samples")
    return float(n_correct) / n_total
