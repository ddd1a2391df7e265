# Style: clear each parameter's .grad by hand, index the batch, keep zeros (set_to_none=False).
# 风格：手动把每个参数的 .grad 清掉，按下标取 batch 的内容。
import torch


def train_step(model, batch, optimizer, loss_fn):
    for param in model.parameters():
        param.grad = None
    prediction = model(batch[0])
    loss: torch.Tensor = loss_fn(prediction, batch[1])
    loss.backward()
    optimizer.step()
    return loss.item()
