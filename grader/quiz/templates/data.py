"""data: Normalize on a pixel, DataLoader lengths and batches, default collate, map-file lines."""

from __future__ import annotations

import math
import random

from grader.quiz.answers import raised
from grader.quiz.templates import Draft, template

WHAT = ("What does this print?", "这段代码打印什么？")
WHAT_OR_RAISES = ("What does this print, or which exception does it raise?",
                  "这段代码打印什么，或抛出哪个异常？")
MEAN, STD = (0.485, 0.456, 0.406), (0.229, 0.224, 0.225)


@template("data.normalize_pixel", "choice", "Normalize on one pixel", "Normalize 作用于一个像素")
def normalize_pixel(rng: random.Random) -> Draft:
    pixel = [rng.choice([0.0, 0.25, 0.5, 0.75, 1.0]) for _ in range(3)]
    channel = rng.randrange(3)
    code = ("import torch\n\n# what transforms.Normalize(mean, std) does to each channel\n"
            f"mean = torch.tensor({list(MEAN)})\nstd = torch.tensor({list(STD)})\n"
            f"pixel = torch.tensor({pixel})\nout = (pixel - mean) / std\n"
            f"print(round(out[{channel}].item(), 2))\n")
    p, m, s = pixel[channel], MEAN[channel], STD[channel]
    right = (p - m) / s
    wrong = [2 * p - 1, (p - s) / m, p - m, (p - m) * s, (p + m) / s]
    # A formula that lands near the right value by chance would be a second right answer.
    traps = tuple(str(round(w, 2)) for w in wrong if abs(w - right) > 0.02)
    return Draft(
        code, *WHAT,
        "Normalize computes (x - mean) / std per channel. It maps [0, 1] to [-1, 1] only when "
        "mean = std = 0.5; with ImageNet statistics the range is about [-2.1, 2.6].",
        "Normalize 按通道计算 (x - mean) / std。只有 mean = std = 0.5 时才把 [0,1] 变成 [-1,1]；"
        "用 ImageNet 的统计量时范围约为 [-2.1, 2.6]。",
        traps=traps)


@template("data.num_batches", "choice", "len(DataLoader) and drop_last",
          "len(DataLoader) 与 drop_last")
def num_batches(rng: random.Random) -> Draft:
    size, batch = rng.randint(5, 60), rng.randint(2, 16)
    drop_last = rng.choice([True, False])
    code = ("from torch.utils.data import DataLoader\n\n"
            f"loader = DataLoader(range({size}), batch_size={batch}, drop_last={drop_last})\n"
            "print(len(loader))\n")
    floor, ceil = size // batch, math.ceil(size / batch)
    return Draft(
        code, *WHAT,
        "The last, smaller batch is kept unless drop_last=True: len is ceil(n / batch_size), "
        "or floor(n / batch_size) with drop_last.",
        "除非 drop_last=True，否则保留最后一个较小的 batch：长度为 ceil(n / batch_size)，"
        "drop_last 时为 floor(n / batch_size)。",
        traps=(str(ceil), str(floor), str(floor + 1), str(round(size / batch)), str(size)))


@template("data.last_batch", "short", "size of the last batch", "最后一个 batch 的大小")
def last_batch(rng: random.Random) -> Draft:
    batch = rng.randint(2, 9)
    size = rng.randint(batch + 1, 40)  # at least one full batch, so `batch` is always bound
    drop_last = rng.random() < 0.3
    code = ("from torch.utils.data import DataLoader\n\n"
            f"loader = DataLoader(list(range({size})), batch_size={batch}, drop_last={drop_last})\n"
            "for batch in loader:\n    pass\nprint(len(batch))\n")
    return Draft(
        code, "What does this print (a number)?", "这段代码打印什么（一个数）？",
        "Batches are cut in order; the last one holds the remainder n % batch_size (a full batch "
        "when it divides evenly), and is dropped with drop_last=True.",
        "按顺序切分 batch；最后一个包含余数 n % batch_size（整除时是完整的 batch），"
        "drop_last=True 时被丢弃。")


@template("data.batch_shape", "short", "shape of a batch from TensorDataset",
          "TensorDataset 一个 batch 的形状")
def batch_shape(rng: random.Random) -> Draft:
    size, features, batch = rng.randint(20, 100), rng.randint(2, 8), rng.randint(2, 16)
    code = ("import torch\nfrom torch.utils.data import DataLoader, TensorDataset\n\n"
            f"data = TensorDataset(torch.zeros({size}, {features}), torch.zeros({size}))\n"
            f"loader = DataLoader(data, batch_size={batch}, shuffle=True)\n"
            "src, trg = next(iter(loader))\nprint(src.shape)\n")
    return Draft(
        code, "What shape does this print? (e.g. 3, 4)", "打印的形状是什么？（如 3, 4）",
        "Each item is (row of features, target); the loader stacks batch_size items along a new "
        "first dim.",
        "每个样本是（一行特征, 目标）；DataLoader 在新的第 0 维上堆叠 batch_size 个样本。")


@template("data.collate_lengths", "choice", "default collate with unequal lengths",
          "长度不同时的默认 collate")
def collate_lengths(rng: random.Random) -> Draft:
    first = rng.randint(2, 6)
    second = first if rng.random() < 0.4 else rng.choice([n for n in range(2, 7) if n != first])
    code = ("import torch\nfrom torch.utils.data import default_collate\n\n"
            f"batch = [(torch.zeros({first}), 0), (torch.zeros({second}), 1)]\n"
            "seqs, labels = default_collate(batch)\nprint(seqs.shape, labels.tolist())\n")
    longest = max(first, second)
    return Draft(
        code, *WHAT_OR_RAISES,
        "The default collate stacks tensors, and stacking needs equal shapes: sequences of "
        "different lengths need a collate_fn that pads them.",
        "默认 collate 会 stack 张量，而 stack 要求"
        "形状相同：长度不同的序列需要自己写 collate_fn 补齐。",
        traps=(f"torch.Size([2, {longest}]) [0, 1]", f"torch.Size([2, {first}]) [0, 1]",
               raised("RuntimeError"), raised("ValueError")))


@template("data.map_line", "choice", "splitting a map-file line", "切分 map 文件的一行")
def map_line(rng: random.Random) -> Draft:
    name = rng.choice(["cat 1.pt", "猫 1.pt", "dog.pt", "狗.pt", "my cat.pt"])
    label = rng.randint(0, 12)
    method = rng.choice(["split()", "rsplit(\" \", 1)"])
    code = (f"line = \"{name} {label}\\n\"\npath, label = line.rstrip().{method}\n"
            "print(repr(path), int(label))\n")
    return Draft(
        code, *WHAT_OR_RAISES,
        "split() cuts at every space, so a file name with a space gives three parts and the "
        "unpacking fails; rsplit(' ', 1) cuts only at the last space.",
        "split() 在每个空格处切开，文件名带空格时得到三段，"
        "解包失败；rsplit(' ', 1) 只切最后一个空格。",
        traps=(f"{name!r} {label}", f"{name.split()[0]!r} {label}", raised("ValueError"),
               raised("IndexError")))
