def train_step(model, batch, optimizer, loss_fn):
    x, y = batch
    optimizer.zero_grad()
    loss = loss_fn(model(x), y)
    optimizer.step()  # before backward: steps with the old (zeroed) gradients
    loss.backward()
    return loss.item()
