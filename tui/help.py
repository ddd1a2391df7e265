"""The help page (F1): what the keys do and how a check decides, in the learner's language."""

from __future__ import annotations

HELP = {
    "en": """\
## Keys

| key | what it does |
|---|---|
| F5 or Ctrl+R | save, then check this exercise against the reference |
| Ctrl+S | save the editor to `exercise_NN.py` |
| h | the next hint (from the tree or results pane; in the editor press Esc first) |
| F7 | a reference solution, once you have passed |
| F8 | put the starter back (your file is kept as a `.bak` first) |
| F6 | edit in your own editor (`$VISUAL` or `$EDITOR`); the app shows what you saved |
| F3 / F4 | a quiz / your progress |
| F2 | zoom the focused pane (an 80×24 terminal needs it for long prompts) |
| Ctrl+P | the command palette: go to an exercise, quiz one topic, switch language |
| Esc | leave the editor; close a dialog |
| q | save and quit (Ctrl+Q from anywhere) |

## How a check decides

Your file runs in a sandbox, away from the reference. Each check calls your function with
about a hundred generated inputs and compares every answer with the reference's. When one
differs, the smallest input that still shows the difference is printed with what was
expected and what you returned: start from that input.

Another editor may change the file while the app is open: the app follows its saves, and when
both sides changed it asks which to keep and saves the other as a `.bak`.

Everything you do (checks, hints, solutions, resets, quiz answers) is appended to
`progress.jsonl`; `grader progress` and `grader list` read the same file.
""",
    "zh": """\
## 按键

| 按键 | 作用 |
|---|---|
| F5 或 Ctrl+R | 保存，然后用参考答案检查这道题 |
| Ctrl+S | 把编辑器里的内容保存到 `exercise_NN.py` |
| h | 下一条提示（在题目树或结果区按；在编辑器里先按 Esc） |
| F7 | 参考答案（通过之后才显示） |
| F8 | 恢复初始代码（先把你的文件另存为 `.bak`） |
| F6 | 用你自己的编辑器（`$VISUAL` 或 `$EDITOR`）编辑；保存后这里会显示新内容 |
| F3 / F4 | 小测验 / 学习进度 |
| F2 | 放大当前区域（80×24 的终端看长题目时需要） |
| Ctrl+P | 命令面板：跳到某道题、按主题做测验、切换语言 |
| Esc | 离开编辑器；关闭对话框 |
| q | 保存并退出（任何地方都可以按 Ctrl+Q） |

## 检查是怎么判定的

你的文件在沙箱里运行，看不到参考答案。每项检查用大约一百个生成的输入调用你的函数，
并把每个结果和参考答案比较。一旦不同，就会给出仍能复现差异的最小输入，以及期望值和你的返回值：
从这个输入开始排查。

应用打开时，别的编辑器也可以修改这个文件：应用会跟随它的保存；如果两边都改了，
会先问你保留哪一个，另一个存为 `.bak`。

你做的每件事（检查、提示、答案、重置、测验作答）都会追加到 `progress.jsonl`；
`grader progress` 和 `grader list` 读的是同一个文件。
""",
}


def help_markdown(lang: str) -> str:
    return HELP.get(lang, HELP["en"])
