def train_step(model, batch, optimizer, loss_fn):
    x, y = batch
    loss = loss_fn(model(x), y)
    loss.backward()
    optimizer.zero_grad()  # wipes the gradients just computed
    optimizer.step()
    return loss.item()
