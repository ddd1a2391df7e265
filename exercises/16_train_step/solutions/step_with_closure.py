# Style: optimizer.step(closure), the form LBFGS needs and every torch optimizer accepts.
# 风格：optimizer.step(closure)，LBFGS 必须这样写，所有 torch 优化器都接受。


def train_step(model, batch, optimizer, loss_fn):
    x, y = batch

    def closure():
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        return loss

    loss = optimizer.step(closure)
    return loss.item()
