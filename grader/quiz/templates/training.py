"""training: no_grad, gradient accumulation, step order, eval() recursion, DataParallel keys."""

from __future__ import annotations

import random

from grader.quiz.templates import Draft, template

WHAT = ("What does this print?", "这段代码打印什么？")


@template("training.no_grad", "output", "requires_grad under torch.no_grad()",
          "torch.no_grad() 下的 requires_grad")
def no_grad(rng: random.Random) -> Draft:
    context = rng.choice(["torch.no_grad()", "torch.enable_grad()", "torch.inference_mode()",
                          None])
    factor = rng.randint(2, 5)
    if context:
        body = f"with {context}:\n    y = x * {factor}\n"
    else:
        body = f"y = x * {factor}\n"
    code = f"import torch\n\nx = torch.ones(3, requires_grad=True)\n{body}print(y.requires_grad)\n"
    return Draft(
        code, *WHAT,
        "Inside torch.no_grad() (or inference_mode) results do not track gradients: "
        "requires_grad is False, which saves memory during evaluation.",
        "在 torch.no_grad()（或 inference_mode）中计算的结果不追踪梯度：requires_grad 为 False，"
        "评估时节省显存。",
        traps=("True", "False"))


@template("training.grad_accumulate", "short", "gradients accumulate across backward()",
          "多次 backward() 梯度会累加")
def grad_accumulate(rng: random.Random) -> Draft:
    start, scale, steps = rng.randint(1, 5), rng.randint(2, 6), rng.randint(2, 4)
    reset = "    w.grad = None\n" if rng.random() < 0.35 else ""
    code = (f"import torch\n\nw = torch.tensor({float(start)}, requires_grad=True)\n"
            f"for step in range({steps}):\n{reset}    loss = w * {scale}\n    loss.backward()\n"
            "print(w.grad.item())\n")
    return Draft(
        code, "What number does this print?", "打印的数字是多少？",
        "backward() adds into .grad; nothing clears it until you zero it (optimizer.zero_grad() "
        "or grad = None), so k calls leave k times the gradient.",
        "backward() 把梯度累加到 .grad 上；不手动清零（optim"
        "izer.zero_grad() 或 grad = None）就不会清空，"
        "k 次调用得到 k 倍梯度。")


@template("training.step_order", "choice", "optimizer.step() before backward()",
          "在 backward() 之前调用 optimizer.step()")
def step_order(rng: random.Random) -> Draft:
    start, scale = rng.randint(1, 5), rng.randint(1, 4)
    lr = rng.choice([0.1, 0.5, 0.25])
    right_order = rng.random() < 0.5
    steps = "loss.backward()\nopt.step()\n" if right_order else "opt.step()\nloss.backward()\n"
    code = (f"import torch\n\nw = torch.tensor({float(start)}, requires_grad=True)\n"
            f"opt = torch.optim.SGD([w], lr={lr})\nloss = w * {scale}\nopt.zero_grad()\n"
            f"{steps}print(round(w.item(), 3))\n")
    return Draft(
        code, *WHAT,
        "step() uses the gradients that are there when it runs; before backward() there are "
        "none, so the weight does not move. Order: zero_grad, forward, backward, step.",
        "step() 使用调用时已有的梯度；在 backward() 之前没有梯度，权重不变。顺序：zero_grad、前向、"
        "backward、step。",
        traps=(str(round(start - lr * scale, 3)), str(float(start)),
               str(round(start + lr * scale, 3)), str(round(start - scale, 3))))


@template("training.eval_recursive", "choice", "eval() and train() on submodules",
          "eval() 与 train() 对子模块的影响")
def eval_recursive(rng: random.Random) -> Draft:
    call = rng.choice(["model.eval()", "model[1].eval()", "model.train()",
                       "model.eval()\nmodel.train()"])
    code = ("from torch import nn\n\n"
            f"model = nn.Sequential(nn.Linear(4, 4), nn.Dropout({rng.choice([0.1, 0.5])}))\n"
            f"{call}\nprint(model[1].training, model.training)\n")
    return Draft(
        code, *WHAT,
        "eval() and train() set the flag on the module and every submodule; calling eval() on "
        "one child changes only that child.",
        "eval() 和 train() 会设置模块本身及所有子模块的标志；只对一个子模块调用 eval() 只改变它。",
        traps=("False False", "True True", "False True", "True False"))


KEYS = ("module.conv1.weight", "encoder.module.weight", "fc.bias",
        "module.encoder.module.weight")
STRIPS = {
    "key.replace(\"module.\", \"\")": lambda k: k.replace("module.", ""),
    "key[7:]": lambda k: k[7:],
    "key.removeprefix(\"module.\")": lambda k: k.removeprefix("module."),
    "key[len(\"module.\"):] if key.startswith(\"module.\") else key":
        lambda k: k[len("module."):] if k.startswith("module.") else k,
}


@template("training.strip_prefix", "choice", "stripping DataParallel's module. prefix",
          "去掉 DataParallel 的 module. 前缀")
def strip_prefix(rng: random.Random) -> Draft:
    key = rng.choice(KEYS)
    expr = rng.choice(list(STRIPS))
    code = f"key = \"{key}\"\nprint({expr})\n"
    return Draft(
        code, *WHAT,
        "Only one leading 'module.' comes from DataParallel: replace() also removes it from the "
        "middle of a name, and key[7:] cuts keys that never had it.",
        "DataParallel 只加一个开头的 'module.'：replace() 会把名字中间的也删掉，key[7:] "
        "会把本来没有前缀的键也截掉。",
        traps=(*(strip(key) for strip in STRIPS.values()), key, key[6:], key.split(".")[-1]))
