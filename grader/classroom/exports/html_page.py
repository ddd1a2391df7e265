"""Self-contained HTML pages (feedback, the class report): Markdown rendered with raw HTML,
links and images switched off, inline CSS, nothing fetched from a network.

markdown-it-py comes with rich, which the grader already needs. Text a student wrote reaches
it already escaped (``markdown.md_text``/``md_block``); with raw HTML off, a ``<script>`` that
slipped through would still arrive as text.
"""

from __future__ import annotations

import html

from markdown_it import MarkdownIt

CSS = """
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", "Noto Sans", "PingFang SC",
       "Microsoft YaHei", sans-serif; max-width: 52rem; margin: 2rem auto; padding: 0 1rem;
       color: #1b1f24; background: #fff; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem;
     border-bottom: 1px solid #d0d7de; } h3 { font-size: 1rem; }
pre { background: #f6f8fa; padding: .6rem .8rem; overflow-x: auto; border-radius: 6px; }
code { font: 13px/1.4 ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; }
table { border-collapse: collapse; } th, td { border: 1px solid #d0d7de; padding: .2rem .6rem;
      text-align: left; } th { background: #f6f8fa; }
svg { display: block; margin: 1rem 0; max-width: 100%; height: auto; }
svg text { font: 11px system-ui, sans-serif; fill: #1b1f24; }
"""


def markdown_to_html(markdown: str) -> str:
    renderer = MarkdownIt("commonmark", {"html": False}).enable("table")
    renderer.disable(["image", "link", "autolink"])
    return renderer.render(markdown)


def page(title: str, body: str, lang: str = "en") -> str:
    """A whole HTML document around ``body`` (already HTML)."""
    return (f'<!DOCTYPE html>\n<html lang="{html.escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{html.escape(title)}</title>\n<style>{CSS}</style>\n</head>\n"
            f"<body>\n{body}\n</body>\n</html>\n")
