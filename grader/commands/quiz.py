"""`grader quiz`: generated questions and spaced review, one question at a time."""

from __future__ import annotations

import argparse

from grader.commands import EXIT_OK, UsageError


def run(args: argparse.Namespace, opts: list[str]) -> int:
    from grader.learner import TOPICS

    if args.topic is not None and args.topic not in TOPICS:
        raise UsageError(f"unknown topic {args.topic!r}; topics: {', '.join(TOPICS)}")
    if args.count < 1:
        raise UsageError("--count must be at least 1")
    if args.list:
        return _list(args.topic, opts)

    from grader.quiz.snippets import SnippetRunner
    from grader.sandbox.limits import Limits
    from grader.workspace import require_workspace

    workspace = require_workspace(opts)
    # Start the sandbox (and its torch import) before anything else.
    runner = SnippetRunner(Limits.from_config(workspace.cfg)).start()
    try:
        from grader.quiz.session import TEXT, new_session

        session = new_session(workspace, runner, topic=args.topic, count=args.count,
                              due_only=args.due, seed=args.seed)
        if not session.items:
            print(TEXT[session.lang]["none_due"])
        else:
            session.run()
        for line in session.summary():
            print(line)
    finally:
        runner.close()
    return EXIT_OK


def _list(topic: str | None, opts: list[str]) -> int:
    from pathlib import Path

    from grader.config import load_config
    from grader.learner import TOPICS
    from grader.quiz.bank import BankEntry
    from grader.quiz.session import cards
    from grader.workspace import find_workspace, open_workspace

    root = find_workspace(Path.cwd())
    cfg = open_workspace(root, opts).cfg if root else load_config(None, opts)
    zh = cfg.UI.LANG == "zh"
    pool = cards(topic)
    for name in TOPICS:
        mine = {k: v for k, v in pool.items() if v.topic == name}
        if not mine:
            continue
        print(f"{name} ({len(mine)})")
        for card_id, card in mine.items():
            where = "bank" if isinstance(card, BankEntry) else "code"
            title = card.title_zh if zh else card.title_en
            print(f"  {card_id:34} {where:5} {title[:70]}")
    return EXIT_OK
