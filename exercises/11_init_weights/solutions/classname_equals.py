# Style: the DCGAN tutorial's class-name test, but with == (not .find), and .data in-place fills.
# 风格：DCGAN 教程里按类名判断的写法，但用 ==（不用 .find），并通过 .data 原地填充。


def init_weights(m):
    classname = m.__class__.__name__
    if classname == "Conv2d" or classname == "Linear":
        m.weight.data.normal_(0.0, 0.02)
        if m.bias is not None:
            m.bias.data.fill_(0)
    elif classname == "BatchNorm2d":
        m.weight.data.normal_(1.0, 0.02)
        m.bias.data.fill_(0)
