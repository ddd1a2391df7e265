"""Every sentence the exercise screen shows of its own (footer labels, buttons, dialogs,
notifications, the results pane's notes), in English and Chinese, looked up by key.

One table, so a translator reads both languages side by side and a test can hold them to the
same keys and the same ``{placeholders}``. Prompts, hints and verdicts come from the engine.
"""

from __future__ import annotations

LANGUAGES = ("en", "zh")

STRINGS: dict[str, dict[str, str]] = {
    "en": {
        # footer labels, by binding id
        "key.check": "Check",
        "key.save": "Save",
        "key.hint": "Hint",
        "key.help": "Help",
        "key.quiz": "Quiz",
        "key.progress": "Progress",
        "key.zoom": "Zoom",
        "key.quit": "Quit",
        "key.open-in-editor": "$EDITOR",
        "key.solution": "Solution",
        "key.reset": "Reset",
        "key.dialog-cancel": "Cancel",
        "key.reader-close": "Close",
        # what each binding does: tooltips and the help page's table
        "does.check": "save, then check this exercise against the reference",
        "does.save": "save the editor to exercise_NN.py",
        "does.hint": "the next hint (from the tree or results pane; in the editor press Esc "
                     "first)",
        "does.help": "this page: keys, commands and how checking works",
        "does.quiz": "a quiz: questions on every topic, one at a time",
        "does.progress": "your progress: per topic, streak, activity, quiz accuracy",
        "does.zoom": "zoom the focused pane, or restore the layout (80×24 needs it for long "
                     "prompts)",
        "does.quit": "save and quit (Ctrl+Q from anywhere)",
        "does.open-in-editor": "edit in your own editor ($VISUAL or $EDITOR); the app shows "
                               "what you saved",
        "does.solution": "a reference solution, once you have passed",
        "does.reset": "put the starter back (your file is kept as a .bak first)",
        # buttons above the results: a label, then the key that does the same
        "button.check": "Check {key}",
        "button.hint": "Hint {key}",
        "button.open_in_editor": "Edit {key}",
        "button.solution": "Solution {key}",
        "button.reset": "Reset {key}",
        # the editor
        "editor.modified": " ● modified",
        "editor.leave": "esc: leave the editor",
        "editor.missing": "{file} does not exist and this exercise has no starter file yet",
        "editor.unreadable": "cannot open {file} here ({error}); fix it in another editor, "
                             "then check it with {key}",
        "editor.not_saved": "not saved",
        "editor.cannot_save": "cannot save {file}: {error}",
        "editor.saved": "saved {file}",
        "editor.followed": "{file} changed on disk; showing the new version",
        "editor.followed_before_check": "{file} changed outside the app; showing that version",
        "conflict.question": "{file} was changed on disk by another program, and this editor "
                             "has unsaved edits. Which version do you want to keep? The other "
                             "one is saved beside the file as a .bak, so nothing is lost.",
        "conflict.disk": "Load the file",
        "conflict.mine": "Keep my edits",
        "conflict.later": "Decide later",
        "conflict.loaded": "loaded {file}; your edits are in {backup}",
        "conflict.kept_mine": "saved your edits to {file}",
        "conflict.kept_mine_backup": "saved your edits to {file}; the file's version is in "
                                     "{backup}",
        # reset and solution
        "reset.question": "Put the starter back in {file}? Your current file is copied beside "
                          "it first (a timestamped .bak), so nothing is lost.",
        "reset.yes": "Reset",
        "reset.no": "Cancel",
        "reset.failed": "could not reset: {error}",
        "reset.done": "{file} is the starter again",
        "reset.done_backup": "{file} is the starter again; your version is in {backup}",
        "solution.question": "Exercise {id} is not solved yet. Seeing the solution first takes "
                             "away the practice; a hint ({key}) is usually better. Show it "
                             "anyway? (Your log records that you did.)",
        "solution.show": "Show it anyway",
        "solution.hint": "Keep trying",
        "solution.title": "exercise {id} · a reference solution",
        "solution.others": "Other ways to write it",
        # $EDITOR
        "external.none_title": "no $EDITOR",
        "external.none": "set $EDITOR to your editor (for example `export EDITOR=nano`) and "
                         "start grader again; or edit here",
        "external.no_suspend": "this terminal cannot hand itself to another program; edit "
                               "{file} in another window, the app follows its saves",
        "external.failed": "could not start {command}: {error}",
        # results pane
        "results.hint": "hint {level} of {count}",
        "results.last_hint": " (the last one)",
        "results.checking": "checking {file}…",
        "results.unchecked": "{file} has not been checked in this session: save and check it "
                             "with {key}.",
        "results.no_exercises": "no exercises found",
        "results.could_not_check": "could not check: {error}",
        # elsewhere on the screen
        "help.title": "grader · help",
        "header.quiz": "quiz: {due} due, {new} new",
        "notify.language": "language: English",
        "notify.finished": "exercise {id}: {message}",
        "notify.log_title": "progress log",
        "notify.sandbox_title": "sandbox",
        "quiz.all": "all topics",
        "quiz.due": "due for review",
        # the command palette
        "palette.go": "Go to exercise {id} · {title}",
        "palette.quiz_all": "Quiz: all topics",
        "palette.quiz_all_help": "Questions from every topic",
        "palette.quiz_due": "Quiz: cards due for review",
        "palette.quiz_due_help": "Spaced review of what you answered",
        "palette.quiz_topic": "Quiz: {topic}",
        "palette.quiz_topic_help": "Questions on {topic} only",
        "palette.progress": "Progress",
        "palette.progress_help": "Per-topic bars, streak, activity, quiz accuracy",
        "palette.editor": "Open in $EDITOR",
        "palette.editor_help": "Edit this exercise in your own editor",
        "palette.solution": "Show the solution",
        "palette.solution_help": "After a pass; asks first before one",
        "palette.reset": "Reset to the starter",
        "palette.reset_help": "Keeps your file as a .bak first",
        "palette.help": "Help",
        "palette.help_help": "Keys, commands and how checking works",
    },
    "zh": {
        "key.check": "检查",
        "key.save": "保存",
        "key.hint": "提示",
        "key.help": "帮助",
        "key.quiz": "测验",
        "key.progress": "进度",
        "key.zoom": "放大",
        "key.quit": "退出",
        "key.open-in-editor": "外部编辑",
        "key.solution": "答案",
        "key.reset": "重置",
        "key.dialog-cancel": "取消",
        "key.reader-close": "关闭",
        "does.check": "保存，然后用参考答案检查这道题",
        "does.save": "把编辑器里的内容保存到 exercise_NN.py",
        "does.hint": "下一条提示（在题目树或结果区按；在编辑器里先按 Esc）",
        "does.help": "本页：按键、命令和检查的方式",
        "does.quiz": "小测验：各个主题的题目，一次一道",
        "does.progress": "学习进度：各主题、连续天数、活跃度、测验正确率",
        "does.zoom": "放大当前区域，或恢复布局（80×24 的终端看长题目时需要）",
        "does.quit": "保存并退出（任何地方都可以按 Ctrl+Q）",
        "does.open-in-editor": "用你自己的编辑器（$VISUAL 或 $EDITOR）编辑；保存后这里会显示新内容",
        "does.solution": "参考答案（通过之后才显示）",
        "does.reset": "恢复初始代码（先把你的文件另存为 .bak）",
        "button.check": "检查 {key}",
        "button.hint": "提示 {key}",
        "button.open_in_editor": "编辑 {key}",
        "button.solution": "答案 {key}",
        "button.reset": "重置 {key}",
        "editor.modified": " ● 已修改",
        "editor.leave": "esc：离开编辑器",
        "editor.missing": "{file} 不存在，这道题也还没有初始代码",
        "editor.unreadable": "这里打不开 {file}（{error}）；请在别的编辑器里修好，再按 {key} 检查",
        "editor.not_saved": "未保存",
        "editor.cannot_save": "无法保存 {file}：{error}",
        "editor.saved": "已保存 {file}",
        "editor.followed": "{file} 在磁盘上被修改了；现在显示的是新版本",
        "editor.followed_before_check": "{file} 在应用之外被修改了；现在显示的是那个版本",
        "conflict.question": "{file} 被别的程序修改了，而这个编辑器里还有未保存的修改。"
                             "你要保留哪一个版本？另一个会作为 .bak 保存在文件旁边，不会丢失。",
        "conflict.disk": "载入文件",
        "conflict.mine": "保留我的修改",
        "conflict.later": "稍后决定",
        "conflict.loaded": "已载入 {file}；你的修改在 {backup}",
        "conflict.kept_mine": "已把你的修改保存到 {file}",
        "conflict.kept_mine_backup": "已把你的修改保存到 {file}；文件原来的版本在 {backup}",
        "reset.question": "把 {file} 恢复成初始代码吗？会先把你现在的文件复制到旁边"
                          "（带时间戳的 .bak），不会丢失。",
        "reset.yes": "重置",
        "reset.no": "取消",
        "reset.failed": "无法重置：{error}",
        "reset.done": "{file} 已恢复为初始代码",
        "reset.done_backup": "{file} 已恢复为初始代码；你的版本在 {backup}",
        "solution.question": "第 {id} 题还没有通过。先看答案就少了练习；通常看一条提示（{key}）"
                             "更好。仍然要看吗？（日志会记录你看过。）",
        "solution.show": "仍然查看",
        "solution.hint": "继续尝试",
        "solution.title": "第 {id} 题 · 参考答案",
        "solution.others": "其他写法",
        "external.none_title": "没有设置 $EDITOR",
        "external.none": "把 $EDITOR 设为你的编辑器（例如 `export EDITOR=nano`）后重新启动 "
                         "grader；或者就在这里编辑",
        "external.no_suspend": "这个终端无法交给别的程序；请在另一个窗口编辑 {file}，"
                               "应用会跟随它的保存",
        "external.failed": "无法启动 {command}：{error}",
        "results.hint": "提示 {level}/{count}",
        "results.last_hint": "（最后一条）",
        "results.checking": "正在检查 {file}…",
        "results.unchecked": "本次还没有检查 {file}：按 {key} 保存并检查。",
        "results.no_exercises": "没有找到练习",
        "results.could_not_check": "无法检查：{error}",
        "help.title": "grader · 帮助",
        "header.quiz": "测验：{due} 道到期，{new} 道新题",
        "notify.language": "语言：中文",
        "notify.finished": "第 {id} 题：{message}",
        "notify.log_title": "进度日志",
        "notify.sandbox_title": "沙盒",
        "quiz.all": "全部主题",
        "quiz.due": "到期复习",
        "palette.go": "跳到第 {id} 题 · {title}",
        "palette.quiz_all": "测验：全部主题",
        "palette.quiz_all_help": "所有主题的题目",
        "palette.quiz_due": "测验：到期复习的卡片",
        "palette.quiz_due_help": "按间隔复习你答过的题",
        "palette.quiz_topic": "测验：{topic}",
        "palette.quiz_topic_help": "只考 {topic} 这个主题",
        "palette.progress": "学习进度",
        "palette.progress_help": "各主题进度条、连续天数、活跃度、测验正确率",
        "palette.editor": "用 $EDITOR 打开",
        "palette.editor_help": "用你自己的编辑器编辑这道题",
        "palette.solution": "查看答案",
        "palette.solution_help": "通过之后；之前会先询问",
        "palette.reset": "恢复初始代码",
        "palette.reset_help": "先把你的文件另存为 .bak",
        "palette.help": "帮助",
        "palette.help_help": "按键、命令和检查的方式",
    },
}


def text(lang: str, name: str, /, **fields: object) -> str:
    """The sentence ``name`` in ``lang`` (English where a language lacks it), filled in."""
    table = STRINGS.get(lang, STRINGS["en"])
    return table.get(name, STRINGS["en"][name]).format(**fields)
