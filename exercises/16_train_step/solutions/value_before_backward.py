# Style: read the loss value before backward (as a logger would), keep zeroed grads (not None).
# 风格：在 backward 之前先读出损失值（像记录日志那样），梯度清零但保留张量（不设为 None）。


def train_step(model, batch, optimizer, loss_fn):
    features, labels = batch
    optimizer.zero_grad(set_to_none=False)
    predictions = model(features)
    loss = loss_fn(predictions, labels)
    loss_value = loss.item()
    loss.backward()
    optimizer.step()
    return loss_value
