"""model: flatten shapes, Conv2d output sizes, Sequential names, parameters, Module.apply."""

from __future__ import annotations

import math
import random

from grader.quiz.templates import Draft, template

WHAT = ("What does this print?", "这段代码打印什么？")


def _size(dims: list[int]) -> str:
    return f"torch.Size([{', '.join(map(str, dims))}])"


def _flattened(dims: list[int], start: int, end: int) -> list[int]:
    end = end % len(dims)
    return dims[:start] + [math.prod(dims[start:end + 1])] + dims[end + 1:]


@template("model.flatten", "short", "shape after torch.flatten(start_dim, end_dim)",
          "torch.flatten(start_dim, end_dim) 之后的形状")
def flatten(rng: random.Random) -> Draft:
    dims = rng.sample(range(2, 8), 4)
    start, end = rng.choice([(1, -1), (0, 1), (1, 2), (0, -1), (2, 3), (1, 3), (0, 2)])
    call = rng.choice([f"torch.flatten(t, start_dim={start}, end_dim={end})",
                       f"t.flatten({start}, {end})"])
    code = f"import torch\n\nt = torch.zeros({', '.join(map(str, dims))})\nprint({call}.shape)\n"
    return Draft(
        code, "What shape does this print? (e.g. 3, 4)", "打印的形状是什么？（如 3, 4）",
        "flatten multiplies the dims from start_dim through end_dim (both included) into one; "
        "the dims before and after stay as they are.",
        "flatten 把 start_dim 到 end_dim（都包含）的维度乘成一维，前后的维度不变。")


@template("model.flatten_default", "choice", "nn.Flatten() vs torch.flatten defaults",
          "nn.Flatten() 与 torch.flatten 的默认参数")
def flatten_default(rng: random.Random) -> Draft:
    dims = rng.sample(range(2, 7), 4)
    module = rng.random() < 0.5
    call = "nn.Flatten()(x)" if module else "torch.flatten(x)"
    code = (f"import torch\nfrom torch import nn\n\nx = torch.zeros({', '.join(map(str, dims))})\n"
            f"print({call}.shape)\n")
    return Draft(
        code, *WHAT,
        "nn.Flatten defaults to start_dim=1 (keeps the batch dim, for use in a model); "
        "torch.flatten defaults to start_dim=0 (everything into one dim).",
        "nn.Flatten 默认 start_dim=1（保留 batch 维，用在模型里）；torch.flatten 默认 start_dim=0"
        "（全部展平成一维）。",
        traps=(_size(_flattened(dims, 1, -1)), _size(_flattened(dims, 0, -1)),
               _size(_flattened(dims, 2, -1)), _size(_flattened(dims, 0, 2))))


def _conv(size: int, kernel: int, stride: int, padding: int, dilation: int,
          rounding=math.floor) -> int:
    return rounding((size + 2 * padding - dilation * (kernel - 1) - 1) / stride) + 1


@template("model.conv_out", "choice", "Conv2d output shape", "Conv2d 输出形状")
def conv_out(rng: random.Random) -> Draft:
    n, cin, cout = rng.randint(1, 4), rng.choice([1, 3]), rng.choice([8, 16, 32])
    h, w = rng.sample(range(7, 17), 2)
    k, s, p = rng.choice([1, 3, 5]), rng.choice([1, 2, 3]), rng.choice([0, 1, 2])
    d = rng.choice([1, 1, 2])
    if d * (k - 1) + 1 > min(h, w) + 2 * p:
        d = 1  # keep the output non-empty: this question is about the formula, not the error
    extra = f", dilation={d}" if d > 1 else ""
    code = ("import torch\nfrom torch import nn\n\n"
            f"conv = nn.Conv2d({cin}, {cout}, kernel_size={k}, stride={s}, padding={p}{extra})\n"
            f"x = torch.zeros({n}, {cin}, {h}, {w})\nprint(conv(x).shape)\n")

    def shape(c: int = cout, **change) -> str:
        args = {"kernel": k, "stride": s, "padding": p, "dilation": d} | change
        rounding = args.pop("rounding", math.floor)
        return _size([n, c, _conv(h, rounding=rounding, **args),
                      _conv(w, rounding=rounding, **args)])

    traps = (shape(rounding=math.ceil), shape(padding=0), shape(dilation=1), shape(cin),
             _size([n, cout, _conv(w, k, s, p, d), _conv(h, k, s, p, d)]),
             _size([n, cout, (h + 2 * p - k) // s, (w + 2 * p - k) // s]))
    return Draft(
        code, *WHAT,
        "Each spatial dim: floor((size + 2*padding - dilation*(kernel-1) - 1) / stride) + 1; "
        "the channel dim becomes out_channels.",
        "每个空间维：floor((size + 2*padding - dilation*(kernel-1) - 1) / stride) + 1；"
        "通道维变成 out_channels。",
        traps=traps)


@template("model.sequential_names", "choice", "names of Sequential layers", "Sequential 各层的名字")
def sequential_names(rng: random.Random) -> Draft:
    named = rng.random() < 0.5
    hidden = rng.choice([8, 16, 32])
    if named:
        body = (f"model = nn.Sequential(OrderedDict([\n    (\"fc1\", nn.Linear(4, {hidden})),\n"
                f"    (\"relu\", nn.ReLU()),\n    (\"fc2\", nn.Linear({hidden}, 2)),\n]))\n")
    else:
        body = f"model = nn.Sequential(nn.Linear(4, {hidden}), nn.ReLU(), nn.Linear({hidden}, 2))\n"
    code = ("from collections import OrderedDict\n\nfrom torch import nn\n\n" + body
            + "print([name for name, _ in model.named_children()])\n")
    return Draft(
        code, *WHAT,
        "Sequential names its layers '0', '1', ... (strings) unless given an OrderedDict, "
        "whose keys become the names (model.fc1).",
        "Sequential 默认把各层命名为 '0'、'1'……（字符串）"
        "；传入 OrderedDict 时键就是名字（model.fc1）。",
        traps=("['0', '1', '2']", "['fc1', 'relu', 'fc2']", "[0, 1, 2]",
               "['Linear', 'ReLU', 'Linear']"))


@template("model.param_count", "choice", "number of parameters of a layer", "一层的参数个数")
def param_count(rng: random.Random) -> Draft:
    if rng.random() < 0.5:
        i, o, bias = rng.randint(2, 64), rng.randint(2, 32), rng.choice([True, False])
        layer = f"nn.Linear({i}, {o}, bias={bias})"
        right = i * o + (o if bias else 0)
        wrong = [i * o, i * o + o, i * o + i, (i + 1) * (o + 1)]
    else:
        i, o, k, bias = rng.choice([1, 3]), rng.choice([8, 16]), rng.choice([3, 5]), True
        layer = f"nn.Conv2d({i}, {o}, kernel_size={k})"
        right = o * i * k * k + o
        wrong = [o * i * k * k, o * k * k + o, o * i * k + o, i * k * k + i]
    code = ("from torch import nn\n\n"
            f"layer = {layer}\nprint(sum(p.numel() for p in layer.parameters()))\n")
    return Draft(
        code, *WHAT,
        "Linear(in, out) holds an [out, in] weight plus an [out] bias; Conv2d(in, out, k) an "
        "[out, in, k, k] weight plus an [out] bias.",
        "Linear(in, out) 有 [out, in] 的权重和 [out] 的偏置；Conv2d(in, out, k) 有 [out, in, k, k] "
        "的权重和 [out] 的偏置。",
        traps=tuple(str(x) for x in [right, *wrong]))


@template("model.parameter_registered", "short", "nn.Parameter vs a plain tensor attribute",
          "nn.Parameter 与普通张量属性")
def parameter_registered(rng: random.Random) -> Draft:
    dim, patches = rng.choice([8, 16, 64]), rng.randint(4, 16)
    wrap = [rng.choice(["nn.Parameter(", ""]) for _ in range(2)]
    close = [")" if w else "" for w in wrap]
    code = ("import torch\nfrom torch import nn\n\n\nclass PatchEmbedding(nn.Module):\n"
            "    def __init__(self):\n        super().__init__()\n"
            f"        self.cls_token = {wrap[0]}torch.randn(1, 1, {dim}){close[0]}\n"
            f"        self.pos_embedding = {wrap[1]}torch.randn(1, {patches + 1}, {dim})"
            f"{close[1]}\n"
            "\n\nprint(len(list(PatchEmbedding().parameters())))\n")
    return Draft(
        code, "What number does this print?", "打印的数字是多少？",
        "Only nn.Parameter attributes (and submodules' parameters) are registered; a plain "
        "tensor attribute is not in parameters(), so the optimizer never updates it.",
        "只有 nn.Parameter 属性（和子模块的参数）会被注册；普通张量不在 parameters() 里，"
        "优化器永远不会更新它。")


@template("model.apply_order", "choice", "the order Module.apply visits modules",
          "Module.apply 访问模块的顺序")
def apply_order(rng: random.Random) -> Draft:
    layers = rng.sample(["Linear", "ReLU", "Tanh", "Dropout"], rng.randint(2, 3))
    built = ", ".join("nn.Linear(2, 2)" if name == "Linear" else f"nn.{name}()" for name in layers)
    code = ("from torch import nn\n\n"
            f"model = nn.Sequential({built})\n"
            "model.apply(lambda m: print(type(m).__name__))\n")
    children = " ".join(layers)
    return Draft(
        code, "What does this print? (names separated by spaces)", "打印什么？（名字用空格分隔）",
        "apply(fn) calls fn on every submodule first (depth first) and on the module itself "
        "last.",
        "apply(fn) 先对每个子模块调用 fn（深度优先），最后才对模块本身调用。",
        traps=(f"{children} Sequential", f"Sequential {children}", children, "Sequential"),
        derive=lambda out: " ".join(out.split()))
