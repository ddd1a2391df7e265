from torch import nn


def init_weights(m):
    classname = m.__class__.__name__
    if classname.find("Conv") != -1 or classname.find("Linear") != -1:  # Conv1d, Bilinear too
        nn.init.normal_(m.weight, 0.0, 0.02)
        if m.bias is not None:
            nn.init.zeros_(m.bias)
    elif classname.find("BatchNorm") != -1:  # BatchNorm1d too
        nn.init.normal_(m.weight, 1.0, 0.02)
        nn.init.zeros_(m.bias)
