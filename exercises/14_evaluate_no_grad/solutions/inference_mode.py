# Style: torch.inference_mode(), counts kept as a tensor, one .item() at the end.
# 风格：用 torch.inference_mode()，正确数累加成张量，最后只调用一次 .item()。
import torch


def evaluate(model, loader):
    mode = model.training
    model.eval()
    with torch.inference_mode():
        correct = torch.zeros((), dtype=torch.long)
        seen = 0
        for inputs, targets in loader:
            predictions = model(inputs).argmax(1)
            correct += (predictions == targets).sum()
            seen += len(targets)
    model.train(mode)
    if seen == 0:
        raise ValueError("cannot compute an accuracy over zero samples")
    return correct.item() / seen
