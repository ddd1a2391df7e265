"""functions: torch.max return values, topk, interpolate arguments, masked max."""

from __future__ import annotations

import random

from grader.quiz.answers import raised
from grader.quiz.templates import Draft, template

WHAT = ("What does this print?", "这段代码打印什么？")
WHAT_OR_RAISES = ("What does this print, or which exception does it raise?",
                  "这段代码打印什么，或抛出哪个异常？")


def _matrix(rng: random.Random, rows: int, cols: int) -> list[list[int]]:
    values = rng.sample(range(-9, 10), rows * cols)
    return [values[r * cols:(r + 1) * cols] for r in range(rows)]


def _argmax(row: list[int]) -> int:
    return row.index(max(row))


@template("functions.max_dim", "choice", "what torch.max(x, dim) returns",
          "torch.max(x, dim) 返回什么")
def max_dim(rng: random.Random) -> Draft:
    rows, cols = rng.choice([(2, 3), (3, 2), (2, 4), (3, 3)])
    x = _matrix(rng, rows, cols)
    dim = rng.randrange(2)
    part = rng.choice([0, 1])
    code = (f"import torch\n\nx = torch.tensor({x})\nout = torch.max(x, dim={dim})\n"
            f"print(out[{part}].tolist())\n")
    columns = [list(col) for col in zip(*x, strict=True)]
    by_row = ([max(r) for r in x], [_argmax(r) for r in x])
    by_col = ([max(c) for c in columns], [_argmax(c) for c in columns])
    traps = [by_col[part], by_row[part], by_col[1 - part], by_row[1 - part]]
    return Draft(
        code, *WHAT,
        "torch.max(x, dim) returns (values, indices) reduced along dim: [0] are the maxima, "
        "[1] their positions along that dim. dim=1 gives one result per row.",
        "torch.max(x, dim) 沿 dim 归约，返回 (value"
        "s, indices)：[0] 是最大值，[1] 是它们在该维上的位置。"
        "dim=1 每行得到一个结果。",
        traps=tuple(str(t) for t in traps))


@template("functions.topk", "choice", "torch.topk indices", "torch.topk 的索引")
def topk(rng: random.Random) -> Draft:
    values = rng.sample(range(0, 30), rng.randint(4, 6))
    k = rng.randint(2, 3)
    code = (f"import torch\n\nscores = torch.tensor({values})\n"
            f"print(torch.topk(scores, {k}).indices.tolist())\n")
    order = sorted(range(len(values)), key=lambda i: -values[i])
    return Draft(
        code, *WHAT,
        "topk returns the k largest values and their indices, largest first (sorted=True).",
        "topk 返回最大的 k 个值及其索引，从大到小排列（sorted=True）。",
        traps=(str(order[:k]), str(sorted(order[:k])), str(order[-k:][::-1]),
               str(sorted(values, reverse=True)[:k])))


@template("functions.interpolate_shape", "short", "output shape of F.interpolate",
          "F.interpolate 的输出形状")
def interpolate_shape(rng: random.Random) -> Draft:
    n, c, h, w = rng.randint(1, 4), rng.choice([1, 3, 8]), rng.randint(4, 12), rng.randint(4, 12)
    if rng.random() < 0.5:
        arg = f"scale_factor={rng.choice([2, 3])}"
    else:
        arg = f"size=({rng.randint(2, 20)}, {rng.randint(2, 20)})"
    code = ("import torch\nimport torch.nn.functional as F\n\n"
            f"x = torch.zeros({n}, {c}, {h}, {w})\n"
            f"print(F.interpolate(x, {arg}, mode=\"nearest\").shape)\n")
    return Draft(
        code, "What shape does this print? (e.g. 3, 4)", "打印的形状是什么？（如 3, 4）",
        "interpolate never touches the batch and channel dims; size sets the spatial dims, "
        "scale_factor multiplies them.",
        "interpolate 从不改变 batch 和通道维；size 直接指定空间维，scale_factor 按倍数放大。")


@template("functions.interpolate_mode", "choice", "interpolate mode vs number of dims",
          "interpolate 的 mode 与维数")
def interpolate_mode(rng: random.Random) -> Draft:
    spatial = rng.randint(1, 3)
    mode = rng.choice(["linear", "bilinear", "trilinear", "nearest"])
    align = rng.choice([None, False, True])
    dims = [2, 3] + [rng.randint(3, 6) for _ in range(spatial)]
    size = tuple(rng.randint(2, 8) for _ in range(spatial))
    extra = "" if align is None else f", align_corners={align}"
    code = ("import torch\nimport torch.nn.functional as F\n\n"
            f"x = torch.zeros({', '.join(map(str, dims))})\n"
            f"print(F.interpolate(x, size={size}, mode=\"{mode}\"{extra}).shape)\n")
    shape = f"torch.Size([{', '.join(map(str, dims[:2] + list(size)))}])"
    return Draft(
        code, *WHAT_OR_RAISES,
        "linear needs 3-D input, bilinear 4-D, trilinear 5-D; nearest works for any of them but "
        "refuses align_corners (ValueError). Batch and channel dims are never resized.",
        "linear 需要 3 维输入，bilinear 4 维，triline"
        "ar 5 维；nearest 都可以，但不接受 align_corners"
        "（ValueError）。batch 和通道维从不缩放。",
        traps=(shape, raised("ValueError"), raised("NotImplementedError"),
               raised("RuntimeError")))


@template("functions.masked_max", "choice", "masked max: fill with 0 or -inf",
          "masked max：填 0 还是 -inf")
def masked_max(rng: random.Random) -> Draft:
    rows = [[float(v) for v in rng.sample(range(-9, 0), 3)],
            [float(v) for v in rng.sample(range(1, 10), 3)]]
    rng.shuffle(rows)
    # Each row hides at least one position and shows at least one: the fill value matters.
    mask = [[True, True, False] for _ in rows]
    for row in mask:
        rng.shuffle(row)
        row[row.index(True)] = rng.random() < 0.5
    fill = rng.choice(["0.0", "float(\"-inf\")"])
    code = (f"import torch\n\nx = torch.tensor({rows})\n"
            f"mask = torch.tensor({mask})\n"
            f"print(x.masked_fill(~mask, {fill}).max(dim=1).values.tolist())\n")

    def result(filler: float) -> str:
        return str([max(v if keep else filler for v, keep in zip(r, m, strict=True))
                    for r, m in zip(rows, mask, strict=True)])

    return Draft(
        code, *WHAT,
        "Filling the hidden positions with 0 wins the max in a row whose visible values are all "
        "negative; fill with -inf so a hidden position can never be the maximum.",
        "用 0 填充被屏蔽的位置时，若一行可见值全为负，0 "
        "会成为最大值；应填 -inf，屏蔽位置才不会被选中。",
        traps=(result(float("-inf")), result(0.0), str([max(r) for r in rows]),
               str([min(v for v, keep in zip(r, m, strict=True) if keep)
                    for r, m in zip(rows, mask, strict=True)])))
