"""device: torch.device, .to() and .cpu() (which copy, which return self), modules vs tensors."""

from __future__ import annotations

import random

from grader.quiz.answers import raised
from grader.quiz.templates import Draft, template

WHAT = ("What does this print?", "这段代码打印什么？")


@template("device.parse", "choice", "type and index of a torch.device", "torch.device 的类型和编号")
def parse(rng: random.Random) -> Draft:
    index = rng.randint(0, 3)
    spec = rng.choice([f"cuda:{index}", f"cuda:{index}", "cpu", "cuda"])
    code = f"import torch\n\nd = torch.device(\"{spec}\")\nprint(d.type, d.index)\n"
    return Draft(
        code, *WHAT,
        "torch.device splits 'cuda:1' into type 'cuda' and index 1; without a number the index "
        "is None (the current device), not 0. No GPU is needed to build a device object.",
        "torch.device 把 'cuda:1' 拆成类型 'cuda' 和编号 1；不写编号时 index 是 None（当前设备），"
        "不是 0。创建 device 对象不需要 GPU。",
        traps=(f"cuda:{index} {index}", "cuda 0", "cuda None", f"cuda {index}", "cpu 0",
               "cpu None"))


@template("device.cpu_is_copy", "choice", ".cpu() on a CPU tensor", "CPU 张量上调用 .cpu()")
def cpu_is_copy(rng: random.Random) -> Draft:
    size, value = rng.randint(2, 5), rng.randint(2, 9)
    method = rng.choice(["cpu()", "to(\"cpu\")", "clone()", "cpu()"])
    code = (f"import torch\n\nt = torch.zeros({size})\nc = t.{method}\nc[0] = {value}\n"
            "print(t[0].item())\n")
    return Draft(
        code, *WHAT,
        ".cpu() and .to('cpu') return the tensor itself when it is already there: no copy, so "
        "writing to the result writes to the original. clone() always copies.",
        "张量已在 CPU 上时，.cpu() 和 .to('cpu') 直接返回它本身，不复制，改结果就是改原张量。"
        "clone() 总会复制。",
        traps=(f"{float(value)}", "0.0", raised("RuntimeError")))


@template("device.to_in_place", "choice", ".to() on a module vs a tensor",
          "模块与张量上的 .to()")
def to_in_place(rng: random.Random) -> Draft:
    dtype = rng.choice(["float64", "float16", "bfloat16"])
    if rng.random() < 0.5:
        code = (f"import torch\n\nx = torch.zeros(2, 3)\nx.to(torch.{dtype})\nprint(x.dtype)\n")
    else:
        code = (f"import torch\nfrom torch import nn\n\nmodel = nn.Linear(3, 2)\n"
                f"model.to(torch.{dtype})\nprint(model.weight.dtype)\n")
    return Draft(
        code, *WHAT,
        "Module.to() converts the module's parameters in place (and returns the module); "
        "Tensor.to() returns a new tensor and leaves the original as it was: write x = x.to(...).",
        "Module.to() 原地转换参数（并返回模块本身）；Tensor.to() 返回新张量，原张量不变："
        "要写 x = x.to(...)。",
        traps=("torch.float32", f"torch.{dtype}", raised("TypeError")))


@template("device.to_returns_self", "output", "when .to() returns the same tensor",
          ".to() 何时返回同一个张量")
def to_returns_self(rng: random.Random) -> Draft:
    target = rng.choice(["\"cpu\"", "torch.float32", "torch.float64", "\"cpu\", copy=True",
                         "torch.int64"])
    code = f"import torch\n\nx = torch.ones(3)\ny = x.to({target})\nprint(y is x)\n"
    return Draft(
        code, *WHAT,
        "Tensor.to() returns self when nothing has to change (same device and dtype, no "
        "copy=True); otherwise it returns a new tensor.",
        "当设备和 dtype 都不变且没有 copy=True 时，Tensor.to() 返回自身；否则返回新张量。",
        traps=("True", "False"))
