"""The fixed sentences a student reads in exports, in English and Chinese; the assignment's
``lang`` picks one. Every key exists in both languages (a test holds them to that)."""

from __future__ import annotations

TEXT: dict[str, dict[str, str]] = {
    "en": {
        "feedback_title": "Feedback: {assignment}",
        "colon": ": ",
        "student": "Student",
        "score": "Score",
        "points_of": "{points} / {max} points",
        "late": "Submitted {days} day(s) late: {penalty} points taken off.",
        "exercise": "Exercise {id} · {title}",
        "all_pass": "Every check passes.",
        "status.missing": "No submission was found for this exercise.",
        "status.syntax_error": "This file has a syntax error, so nothing could be checked.",
        "status.import_error": "This file could not be imported, so nothing could be checked.",
        "status.timeout": "This file took too long to load, so nothing could be checked.",
        "status.crashed": "Running this file crashed, so nothing could be checked.",
        "status.other": "This file could not be graded.",
        "passed": "passed",
        "failed": "failed",
        "call": "Smallest failing call",
        "expected": "Expected",
        "got": "Got",
        "printed": "Your code printed",
        "hint": "Hint",
        "line": "line {line}",
        "withheld.hidden": "Hidden check: only whether it passed is shown.",
        "withheld.after_due_date": "Details are shown after the due date.",
        "late_check": "Late penalty ({days} day(s) late)",
        "summary": "{passed} of {total} checks pass.",
    },
    "zh": {
        "feedback_title": "反馈：{assignment}",
        "colon": "：",
        "student": "学生",
        "score": "得分",
        "points_of": "{points} / {max} 分",
        "late": "迟交 {days} 天：扣 {penalty} 分。",
        "exercise": "练习 {id} · {title}",
        "all_pass": "所有检查都通过了。",
        "status.missing": "没有找到这道练习的提交。",
        "status.syntax_error": "文件有语法错误，因此无法检查。",
        "status.import_error": "文件无法导入，因此无法检查。",
        "status.timeout": "文件加载超时，因此无法检查。",
        "status.crashed": "运行文件时崩溃，因此无法检查。",
        "status.other": "这个文件无法评分。",
        "passed": "通过",
        "failed": "未通过",
        "call": "最小的失败调用",
        "expected": "期望",
        "got": "实际",
        "printed": "你的代码输出了",
        "hint": "提示",
        "line": "第 {line} 行",
        "withheld.hidden": "隐藏检查：只显示是否通过。",
        "withheld.after_due_date": "截止日期之后才显示详细信息。",
        "late_check": "迟交扣分（迟交 {days} 天）",
        "summary": "{total} 项检查中通过 {passed} 项。",
    },
}


def text(lang: str, key: str, **fields: object) -> str:
    """The sentence ``key`` in ``lang`` (English when the language is unknown)."""
    table = TEXT.get(lang, TEXT["en"])
    return table[key].format(**fields)


def status_text(lang: str, status: str) -> str:
    """Why an exercise has no check results (``missing``, ``syntax_error``, ...)."""
    key = f"status.{status}"
    return text(lang, key if key in TEXT["en"] else "status.other")
