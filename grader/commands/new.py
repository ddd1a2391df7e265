"""`grader new NN_slug --topic TOPIC [--pack DIR]`: scaffold a teacher's own exercise.

The folder it writes is complete and valid at once (`grader validate NN` passes): a reference
that passes its one example check, a starter that fails it, prompts in English and Chinese, and
an empty ``wrong/`` for the known-wrong variants the author adds next.
"""

from __future__ import annotations

import argparse
import re

from grader.commands import EXIT_OK, UsageError

NAME = re.compile(r"^(?P<id>\d{2,4})_(?P<slug>[a-z][a-z0-9_]*)$")
TOPIC = re.compile(r"^[a-z][a-z0-9_-]*$")


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.exercise import all_exercises

    match = NAME.match(args.name)
    if match is None:
        raise UsageError(f"{args.name!r}: name the exercise NN_slug, e.g. 101_moving_average "
                         "(a number, an underscore, then lowercase letters, digits, _)")
    if not TOPIC.match(args.topic):
        raise UsageError(f"--topic {args.topic!r}: use a lowercase word, e.g. python or data")
    exercise_id, slug = match["id"], match["slug"]
    taken = all_exercises().get(exercise_id)
    if taken is not None:
        raise UsageError(f"exercise id {exercise_id} is taken by {taken.folder}; pick another "
                         "number (ids of your own exercises from 101 up never clash)")
    pack = args.pack.resolve()
    folder = pack / args.name
    if folder.exists():
        raise UsageError(f"{folder} already exists; nothing was written")
    files = scaffold(exercise_id, slug, args.topic)
    folder.mkdir(parents=True)
    (folder / "wrong").mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    print(f"created {folder}")
    print("next: write the prompt, reference, starter and checks, add known-wrong variants to "
          f"wrong/, then run `grader validate {exercise_id}`")
    print(f"to use it, list the pack in grader.yaml or assignment.yaml:\n"
          f"  EXERCISES:\n    PACKS: ['{pack}']")
    return EXIT_OK


def scaffold(exercise_id: str, slug: str, topic: str) -> dict[str, str]:
    """The files of a new exercise, keyed by name."""
    function = slug
    return {
        "exercise.toml": _TOML.format(id=exercise_id, slug=slug, topic=topic,
                                      seed=int(exercise_id) * 101, function=function),
        "prompt.en.md": _PROMPT_EN.format(id=exercise_id, function=function),
        "prompt.zh.md": _PROMPT_ZH.format(id=exercise_id, function=function),
        "starter.py": _STARTER.format(function=function),
        "reference.py": _REFERENCE.format(function=function),
        "checks.py": _CHECKS.format(id=exercise_id, function=function),
    }


_TOML = '''id = "{id}"
slug = "{slug}"
topic = "{topic}"
seed = {seed}            # hypothesis' seed: the same submission gets the same verdict every run
needs_torch = false      # true when the student's code (or the checks) use torch

[title]
en = "{slug}"
zh = "{slug}"

[[api]]                  # every name the student's file must define
name = "{function}"
signature = "{function}(xs)"
required = 1

[hints]                  # three levels, gentle to explicit, in both languages
en = [
    "Read the prompt's example again: what comes back for an empty list?",
    "Walk the list once and keep a running total.",
    "`return sum(xs)` does it in one line.",
]
zh = [
    "再读一遍题目里的例子：空列表应该返回什么？",
    "遍历一次列表，累加一个总和。",
    "一行就够了：`return sum(xs)`。",
]

# Known-wrong variants: each must fail through the check it names (grader validate proves it).
# [[wrong]]
# file = "wrong/off_by_one.py"
# fails = "adds up every number"
# why = "skips the first element"

# Classroom settings per check (optional): weight among this exercise's checks, and visibility
# (visible | hidden | after_due_date).
# [checks."adds up every number"]
# weight = 2
# visibility = "visible"
'''

_PROMPT_EN = '''# Exercise {id} · {function}

Write `{function}(xs)`: it returns the sum of the integers in the list `xs`, and `0` for an
empty list.

```python
>>> {function}([1, 2, 3])
6
```

Replace this text with your own prompt: what to write, an example, and the traps to avoid.
'''

_PROMPT_ZH = '''# 练习 {id} · {function}

编写 `{function}(xs)`：返回列表 `xs` 中整数之和，空列表返回 `0`。

```python
>>> {function}([1, 2, 3])
6
```

请把这段文字换成你自己的题目：要写什么、一个例子、要避开的陷阱。
'''

_STARTER = '''def {function}(xs):
    # TODO: return the sum of the numbers in xs (0 for an empty list)
    raise NotImplementedError
'''

_REFERENCE = '''def {function}(xs):
    total = 0
    for x in xs:
        total += x
    return total
'''

_CHECKS = '''"""Checks for exercise {id}: one property per promise, named for the promise.

Import only from `grader.judge` (see the exercises README). `sub.call(name, *args)` calls the
student's function in the sandbox; compare with the reference, which never leaves this process.
"""

from hypothesis import example
from hypothesis import strategies as st

from grader.judge import check, expect_equal

from . import reference


@check("adds up every number", xs=st.lists(st.integers(-100, 100), max_size=8))
@example(xs=[])
def adds_up(sub, xs):
    expect_equal(sub.call("{function}", xs), reference.{function}(xs))
'''
