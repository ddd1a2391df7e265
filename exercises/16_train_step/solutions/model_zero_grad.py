# Style: zero the gradients through the model, name every intermediate, float(loss) to return.
# 风格：通过模型清零梯度，每个中间结果都起名字，用 float(loss) 返回。


def train_step(model, batch, optimizer, loss_fn):
    inputs, targets = batch
    model.zero_grad(set_to_none=True)
    outputs = model(inputs)
    loss = loss_fn(outputs, targets)
    loss.backward()
    optimizer.step()
    return float(loss.detach())
