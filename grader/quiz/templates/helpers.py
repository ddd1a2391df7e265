"""helpers: logging handlers, levels and propagation; yacs merging, freezing and cloning."""

from __future__ import annotations

import random

from grader.quiz.answers import raised
from grader.quiz.templates import Draft, lines, template

LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")


@template("helpers.duplicate_handlers", "short", "handlers added on every call",
          "每次调用都添加 handler")
def duplicate_handlers(rng: random.Random) -> Draft:
    calls = rng.randint(2, 4)
    guarded = rng.random() < 0.35
    add = "    logger.addHandler(logging.StreamHandler(sys.stdout))"
    if guarded:
        add = "    if not logger.handlers:\n    " + add
    code = (f"import logging\nimport sys\n\n\ndef setup_logger(name):\n"
            f"    logger = logging.getLogger(name)\n    logger.setLevel(logging.INFO)\n{add}\n"
            f"    return logger\n\n\nfor run in range({calls}):\n"
            f"    logger = setup_logger(\"train\")\nlogger.info(\"epoch done\")\n")
    return Draft(
        code, "How many times does `epoch done` appear in the output?",
        "输出中 `epoch done` 出现几次？",
        "getLogger returns the same logger every time; each call adds one more handler, and "
        "every handler prints the message. Check `logger.handlers` first or clear them.",
        "getLogger 每次返回同一个 logger；每次调用再加一个 handler，每个 handler 都会打印一次。"
        "先检查 `logger.handlers` 或先清空。",
        derive=lambda out: str(sum(1 for line in out.splitlines() if line == "epoch done")))


def _shown(minimum: int) -> str:
    names = [name[0].lower() for name in LEVELS]
    return " ".join(names[minimum:]) or "(nothing)"


@template("helpers.level_filter", "choice", "logger level vs handler level",
          "logger 级别与 handler 级别")
def level_filter(rng: random.Random) -> Draft:
    logger_level, handler_level = rng.randrange(4), rng.randrange(4)
    code = ("import logging\nimport sys\n\nlogger = logging.getLogger(\"app\")\n"
            f"logger.setLevel(logging.{LEVELS[logger_level]})\n"
            "handler = logging.StreamHandler(sys.stdout)\n"
            f"handler.setLevel(logging.{LEVELS[handler_level]})\nlogger.addHandler(handler)\n"
            "logger.debug(\"d\")\nlogger.info(\"i\")\nlogger.warning(\"w\")\nlogger.error(\"e\")\n")
    traps = (_shown(handler_level), _shown(logger_level), _shown(0), _shown(1), _shown(2),
             _shown(3))
    return Draft(
        code, "Which messages are printed (in order)?", "打印出哪些消息（按顺序）？",
        "A record must pass the logger's level first, then the handler's: only messages at or "
        "above both levels appear.",
        "记录先要通过 logger 的级别，再通过 handler 的级别：只有不低于两者的消息才会输出。",
        traps=traps, derive=lambda out: " ".join(out.split()) or "(nothing)")


@template("helpers.propagate", "choice", "propagate to the root logger", "向 root logger 传播")
def propagate(rng: random.Random) -> Draft:
    flag = rng.choice([True, False])
    message = rng.choice(["hi", "saved", "done"])
    code = ("import logging\nimport sys\n\n"
            "logging.basicConfig(stream=sys.stdout, format=\"root: %(message)s\", force=True)\n"
            "logger = logging.getLogger(\"app\")\n"
            "handler = logging.StreamHandler(sys.stdout)\n"
            "handler.setFormatter(logging.Formatter(\"app: %(message)s\"))\n"
            f"logger.addHandler(handler)\nlogger.propagate = {flag}\n"
            f"logger.warning(\"{message}\")\n")
    both, own = f"app: {message} / root: {message}", f"app: {message}"
    return Draft(
        code, "What does this print?", "这段代码打印什么？",
        "With propagate=True a record is handled by the logger's own handlers and then passed "
        "to the root logger's handlers too, so it is printed twice.",
        "propagate=True 时，记录先由自己的 handler 处"
        "理，再传给 root logger 的 handler，所以打印两次。",
        traps=(both, own, f"root: {message}", f"root: {message} / app: {message}"), derive=lines)


def _yacs_head(lr: float) -> str:
    return ("from yacs.config import CfgNode as CN\n\ncfg = CN()\ncfg.SOLVER = CN()\n"
            f"cfg.SOLVER.LR = {lr}\n")


@template("helpers.yacs_frozen", "choice", "assigning to a frozen CfgNode",
          "给冻结的 CfgNode 赋值")
def yacs_frozen(rng: random.Random) -> Draft:
    old, new = rng.sample([0.1, 0.01, 0.05, 0.001, 0.5], 2)
    freeze = rng.choice(["", "cfg.freeze()\n", "cfg.freeze()\ncfg.defrost()\n"])
    code = _yacs_head(old) + freeze + f"cfg.SOLVER.LR = {new}\nprint(cfg.SOLVER.LR)\n"
    return Draft(
        code, "What does this print, or which exception does it raise?",
        "这段代码打印什么，或抛出哪个异常？",
        "freeze() makes the node immutable: setting a key raises AttributeError. defrost() "
        "makes it mutable again.",
        "freeze() 之后节点不可修改，赋值会抛出 AttributeError；defrost() 解除冻结。",
        traps=(str(new), str(old), raised("AttributeError"), raised("KeyError")))


@template("helpers.yacs_unknown_key", "choice", "merge_from_list with an unknown key",
          "merge_from_list 使用不存在的键")
def yacs_unknown_key(rng: random.Random) -> Draft:
    key = rng.choice(["NUM_CLASSES", "NUM_CLASS", "num_classes", "CLASSES"])
    value = rng.choice([100, 20, 1000])
    code = ("from yacs.config import CfgNode as CN\n\ncfg = CN()\ncfg.MODEL = CN()\n"
            "cfg.MODEL.NUM_CLASSES = 10\n"
            f"cfg.merge_from_list([\"MODEL.{key}\", \"{value}\"])\nprint(cfg.MODEL.NUM_CLASSES)\n")
    return Draft(
        code, "What does this print, or which exception does it raise?",
        "这段代码打印什么，或抛出哪个异常？",
        "yacs only overrides keys that already exist (names are case-sensitive); an unknown "
        "key in merge_from_list fails an assertion (AssertionError in yacs 0.1.8).",
        "yacs 只能覆盖已存在的键（区分大小写）；merge_from_list 遇到未知键会断言失败"
        "（yacs 0.1.8 抛出 AssertionError）。",
        traps=(str(value), "10", raised("AssertionError"), raised("KeyError"),
               raised("AttributeError")))


@template("helpers.yacs_type", "choice", "a value of the wrong type", "类型不匹配的值")
def yacs_type(rng: random.Random) -> Draft:
    key, default, text = rng.choice([
        ("MAX_EPOCHS", 90, "120"), ("MAX_EPOCHS", 90, "120.0"), ("MAX_EPOCHS", 90, "'120'"),
        ("LR", 0.1, "0.01"), ("LR", 0.1, "1"), ("LR", 0.1, "'0.01'")])
    code = _yacs_head(default).replace(".LR =", f".{key} =")
    code += f"cfg.merge_from_list([\"SOLVER.{key}\", \"{text}\"])\nprint(cfg.SOLVER.{key})\n"
    plain = text.strip("'")
    return Draft(
        code, "What does this print, or which exception does it raise?",
        "这段代码打印什么，或抛出哪个异常？",
        "merge_from_list parses each value with literal_eval and refuses a type different from "
        "the default's (ValueError), even int for a float key.",
        "merge_from_list 用 literal_eval 解析值，类型与默认值不同就拒绝（ValueError），"
        "int 赋给 float 键也不行。",
        traps=(plain, str(default), raised("ValueError"), raised("TypeError")))


@template("helpers.yacs_clone", "choice", "returning the shared defaults node",
          "返回共享的默认配置节点")
def yacs_clone(rng: random.Random) -> Draft:
    old, new = rng.sample([0.1, 0.01, 0.05, 0.001, 0.5], 2)
    clone = rng.choice([".clone()", ""])
    code = ("from yacs.config import CfgNode as CN\n\n_C = CN()\n"
            f"_C.LR = {old}\n\n\ndef get_cfg_defaults():\n    return _C{clone}\n\n\n"
            f"cfg1 = get_cfg_defaults()\ncfg1.LR = {new}\ncfg2 = get_cfg_defaults()\n"
            "print(cfg2.LR)\n")
    return Draft(
        code, "What does this print?", "这段代码打印什么？",
        "Without clone() every caller gets the same node, so one caller's change shows up in "
        "the next caller's 'defaults'.",
        "不 clone() 时所有调用者拿到同一个节点，一个人的修改会出现在下一个人的“默认值”里。",
        traps=(str(old), str(new), raised("AttributeError")))
