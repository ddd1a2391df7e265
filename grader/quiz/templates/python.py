"""python: removing dict keys, json.dumps and ensure_ascii, *args/**kwargs, setattr/getattr."""

from __future__ import annotations

import json
import random

from grader.quiz.answers import raised
from grader.quiz.templates import Draft, template

WHAT_OR_RAISES = ("What does this print, or which exception does it raise?",
                  "这段代码打印什么，或抛出哪个异常？")


def _dict(rng: random.Random) -> dict[str, int]:
    keys = sorted(rng.sample("abcde", 3))
    return {k: rng.randint(1, 9) for k in keys}


@template("python.dict_pop", "choice", "dict.pop and del on a missing key",
          "对不存在的键 dict.pop 与 del")
def dict_pop(rng: random.Random) -> Draft:
    d = _dict(rng)
    key = rng.choice([*d, "z"])
    op = rng.choice(["print(d.pop({k!r}))", "print(d.pop({k!r}, None))",
                     "del d[{k!r}]\nprint(d)"]).format(k=key)
    code = f"d = {d}\n{op}\n"
    rest = {k: v for k, v in d.items() if k != key}
    return Draft(
        code, *WHAT_OR_RAISES,
        "pop(key) and del d[key] raise KeyError when the key is missing; pop(key, default) "
        "returns the default instead. A comprehension over items() never raises.",
        "键不存在时 pop(key) 和 del d[key] 抛出 KeyError；pop(key, default) 返回默认值。"
        "用 items() 推导式重建字典则不会报错。",
        traps=(str(d.get(key)), raised("KeyError"), "None", str(rest), str(d)))


@template("python.dict_comprehension", "choice", "removing a key with a comprehension",
          "用推导式移除键")
def dict_comprehension(rng: random.Random) -> Draft:
    d = _dict(rng)
    key = rng.choice([*d, "z"])
    code = f"d = {d}\nnew = {{k: v for k, v in d.items() if k != {key!r}}}\nprint(new, len(d))\n"
    rest = {k: v for k, v in d.items() if k != key}
    return Draft(
        code, *WHAT_OR_RAISES,
        "The comprehension builds a new dict without the key and leaves d untouched; a missing "
        "key is simply not there to skip.",
        "推导式生成一个不含该键的新字典，d 本身不变；键不存在时什么也不用跳过。",
        traps=(f"{rest} {len(d)}", f"{rest} {len(rest)}", f"{d} {len(d)}", f"{rest} {len(d) - 1}",
               raised("KeyError")))


@template("python.json_ascii", "choice", "json.dumps and ensure_ascii with Chinese",
          "json.dumps 的 ensure_ascii 与中文")
def json_ascii(rng: random.Random) -> Draft:
    obj = {rng.choice(["小明", "张三", "李四"]): rng.randint(1, 99)}
    flag = rng.choice([True, False])
    code = f"import json\n\nprint(json.dumps({obj}, ensure_ascii={flag}))\n"
    return Draft(
        code, "What does this print?", "这段代码打印什么？",
        "ensure_ascii=True (the default) escapes every non-ASCII character as \\uXXXX; "
        "ensure_ascii=False keeps the Chinese readable (write the file as UTF-8).",
        "ensure_ascii=True（默认）把所有非 ASCII 字符转义成 \\uXXXX；"
        "ensure_ascii=False 保留可读的中文"
        "（文件要用 UTF-8 写）。",
        traps=(json.dumps(obj, ensure_ascii=True), json.dumps(obj, ensure_ascii=False), str(obj),
               raised("UnicodeEncodeError")))


@template("python.args_kwargs", "choice", "what *args and **kwargs collect",
          "*args 和 **kwargs 收集什么")
def args_kwargs(rng: random.Random) -> Draft:
    a, b, c = rng.sample(range(1, 10), 3)
    name = rng.choice(["x", "lr", "name"])
    call, args, kwargs = rng.choice([
        (f"{a}, {b}, {name}={c}", (a, b), {name: c}),
        (f"*[{a}, {b}], {name}={c}", (a, b), {name: c}),
        (f"[{a}, {b}], **{{{name!r}: {c}}}", ([a, b],), {name: c}),
        (f"{a}, {name}={c}, y={b}", (a,), {name: c, "y": b}),
    ])
    code = f"def f(*args, **kwargs):\n    print(args, kwargs)\n\n\nf({call})\n"
    flat = tuple(x for arg in args for x in (arg if isinstance(arg, list) else [arg]))
    return Draft(
        code, *WHAT_OR_RAISES,
        "*args collects the extra positional arguments into a tuple, **kwargs the keyword "
        "arguments into a dict; * and ** at the call unpack a list and a dict.",
        "*args 把多余的位置参数收集成元组，**kwargs 把关键字参数收集成字典；调用处的 * 和 ** "
        "则是把列表和字典拆开传入。",
        traps=(f"{args} {kwargs}", f"{list(args)} {kwargs}", f"{flat} {kwargs}",
               f"{(*args, *kwargs.values())} {{}}", raised("TypeError")))


@template("python.setattr_new", "choice", "setattr on a missing attribute",
          "对不存在的属性 setattr")
def setattr_new(rng: random.Random) -> Draft:
    name = rng.choice(["bar", "age", "lr"])
    value = rng.randint(2, 99)
    code = ("class A:\n    bar = 1\n\n\na = A()\n"
            f"setattr(a, {name!r}, {value})\nprint(getattr(a, {name!r}), hasattr(A(), {name!r}))\n")
    return Draft(
        code, *WHAT_OR_RAISES,
        "setattr creates the attribute on that one instance when it does not exist (no error); "
        "a class attribute like bar exists on every instance.",
        "属性不存在时 setattr 会在这个实例上新建它（"
        "不报错）；像 bar 这样的类属性在每个实例上都存在。",
        traps=(f"{value} True", f"{value} False", "1 True", raised("AttributeError")))


@template("python.getattr_default", "choice", "getattr with and without a default",
          "getattr 带与不带默认值")
def getattr_default(rng: random.Random) -> Draft:
    name = rng.choice(["bar", "age"])
    default = rng.choice([None, 0, -1])
    args = f"a, {name!r}" + ("" if default is None else f", {default}")
    code = f"class A:\n    bar = 1\n\n\na = A()\nprint(getattr({args}))\n"
    return Draft(
        code, *WHAT_OR_RAISES,
        "getattr(obj, name) raises AttributeError for a missing attribute; with a third "
        "argument it returns that default instead.",
        "getattr(obj, name) 在属性不存在时抛出 AttributeError；给了第三个参数就返回该默认值。",
        traps=("1", str(default), "None", raised("AttributeError")))
