"""The help page (F1): what the keys do and how a check decides, in the learner's language.

The keys table is made from the exercise screen's bindings as remapped by ``UI.KEYMAP``, so
the page names the keys that really work.
"""

from __future__ import annotations

from collections.abc import Mapping

from tui.bindings import APP_KEYS, MAIN_KEYS, key_display
from tui.strings import text

HELP = {
    "en": """\
## Keys

{keys}
- **Esc** · leave the editor; close a dialog

Change a key in `grader.yaml` by its id (the last word of its line), for example
`UI: {{KEYMAP: {{check: f9}}}}`.

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

{keys}
- **Esc** · 离开编辑器；关闭对话框

在 `grader.yaml` 里按 id（每行最后的词）修改按键，例如 `UI: {{KEYMAP: {{check: f9}}}}`。

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


def help_markdown(lang: str, keymap: Mapping[str, str]) -> str:
    """The page in ``lang``, one row per binding with the key ``keymap`` gives it."""
    # A list, not a table: a table's narrow columns cut long Chinese lines off at 80 columns.
    rows = "\n".join(f"- **{key_display(key.id, keymap, every=True)}** · "
                     f"{text(lang, f'does.{key.id}')} · `{key.id}`"
                     for key in (*MAIN_KEYS, *APP_KEYS))
    return HELP.get(lang, HELP["en"]).format(keys=rows)
