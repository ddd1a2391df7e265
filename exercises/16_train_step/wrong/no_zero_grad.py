def train_step(model, batch, optimizer, loss_fn):
    x, y = batch
    loss = loss_fn(model(x), y)
    loss.backward()  # adds to whatever .grad already holds
    optimizer.step()
    return loss.item()
