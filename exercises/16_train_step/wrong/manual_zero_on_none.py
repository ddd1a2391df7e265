def train_step(model, batch, optimizer, loss_fn):
    x, y = batch
    for p in model.parameters():
        p.grad.zero_()  # .grad is None before the first backward
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.step()
    return loss.item()
