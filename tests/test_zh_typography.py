"""No wrapped Chinese line shows a space in the built pages.

Markdown turns a line break inside a paragraph into a space, and browsers show it even
between two Chinese characters. docs/hooks/i18n.py (on_page_markdown) removes such
breaks from the Chinese pages before they are rendered. This module checks the hook on
the cases it must handle, and checks the Chinese site, built afresh, for what a reader
would see: a Chinese character (or Chinese punctuation), whitespace, and another one,
anywhere in the text of a paragraph, list item, table cell or heading; and whitespace
next to full-width punctuation, which the pages never space from what it follows or
precedes (“释放。 `get()`”, “注释说 `apply()` “每次……””).
"""

from __future__ import annotations

import re
import sys
from html.parser import HTMLParser

import pytest

from test_site_security import ROOT

sys.path.insert(0, str(ROOT / "docs" / "hooks"))
import i18n  # docs/hooks/i18n.py

# The hook's own idea of Chinese text: Han characters and Chinese punctuation.
CJK, PUNCTUATION = i18n._CJK.pattern, i18n._CJK_PUNCTUATION.pattern
# Whitespace between two Chinese characters, or next to Chinese punctuation
# (nothing is spaced from 。，（“ and the like, whatever is on the other side).
SPACED = re.compile(
    f"(?<={CJK})\\s+(?={CJK})|(?<={PUNCTUATION})\\s+(?=\\S)|(?<=\\S)\\s+(?={PUNCTUATION})"
)

# Text in these elements is not prose (the theme's scripts, code, pictures).
SKIPPED = {"script", "style", "pre", "code", "svg", "textarea", "kbd", "samp"}
# A boundary between blocks: text on either side of it never runs together.
BLOCKS = {
    "p", "li", "ul", "ol", "dl", "dt", "dd", "div", "table", "thead", "tbody", "tr",
    "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "details", "summary",
    "br", "hr", "figure", "figcaption", "nav", "header", "footer", "article", "section",
    "label", "form", "input", "button", "select", "option", "aside", "main", "body",
}  # fmt: skip
INLINE_CODE = "\ufffc"  # stands in for an inline code span: neither Chinese nor a space


class _Blocks(HTMLParser):
    """The text of every block of a page, inline code replaced by INLINE_CODE."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self._text: list[str] = []
        self._skipping: list[str] = []

    def _flush(self):
        text = "".join(self._text)
        if text.strip():
            self.blocks.append(text)
        self._text = []

    def handle_starttag(self, tag, attrs):
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.append(tag)
            return
        if tag in BLOCKS:
            self._flush()
        elif tag in SKIPPED:
            if tag in ("code", "kbd", "samp"):
                self._text.append(INLINE_CODE)
            self._skipping.append(tag)

    def handle_startendtag(self, tag, attrs):
        if not self._skipping and tag in BLOCKS:
            self._flush()

    def handle_endtag(self, tag):
        if self._skipping:
            if tag == self._skipping[-1]:
                self._skipping.pop()
            return
        if tag in BLOCKS:
            self._flush()

    def handle_data(self, data):
        if not self._skipping:
            self._text.append(data)

    def close(self):
        super().close()
        self._flush()


def spaced_breaks(html: str, where: str) -> list[str]:
    """Each place where whitespace separates two Chinese characters, with its context."""
    parser = _Blocks()
    parser.feed(html)
    parser.close()
    problems = []
    for block in parser.blocks:
        for m in SPACED.finditer(block):
            before = block[max(0, m.start() - 15) : m.start()].replace(INLINE_CODE, "`…`")
            after = block[m.end() : m.end() + 15].replace(INLINE_CODE, "`…`")
            gap = m.group().replace("\n", "⏎").replace(" ", "␠")
            problems.append(f"{where}: “{before.lstrip()}{gap}{after.rstrip()}”")
    return problems


@pytest.fixture(scope="module")
def zh_site(fresh_site):
    """The Chinese site as `nox -s docs` builds it (tests/conftest.py)."""
    return fresh_site / "zh"


def test_no_space_between_chinese_characters_in_the_built_pages(zh_site):
    pages = sorted(zh_site.rglob("*.html"))
    missing = [
        source.name
        for source in sorted((ROOT / "docs" / "zh").glob("*.md"))
        if not (zh_site / f"{source.stem}.html").exists()
    ]
    assert not missing, f"pages missing from the build in {zh_site}: {missing}"
    problems = [
        problem
        for page in pages
        for problem in spaced_breaks(page.read_text(encoding="utf-8"), page.name)
    ]
    assert not problems, (
        "A space shows in the built page between two Chinese characters or next to "
        "Chinese punctuation: a line break in the source that docs/hooks/i18n.py did not "
        "remove, or a space typed there (⏎ is the line break, ␠ a space):\n" + "\n".join(problems)
    )


# --- the scan finds what it should --------------------------------------------


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<p>父进程\n等待</p>", ["“父进程⏎等待”"]),
        ("<p>退出码是 0。\n<a href='x'>启动方法</a>一页</p>", ["“退出码是 0。⏎启动方法一页”"]),
        ("<li><p>第一段。</p>\n<ul><li>子项</li></ul></li>", []),  # two blocks
        ("<p>调用 <code>join()</code> 等待</p>", []),  # Chinese, space, code
        ("<p>用 Python 写</p>", []),
        ("<p>第一行<br>\n第二行</p>", []),  # a deliberate line break
        ("<pre><code>中文 注释</code></pre>", []),
        ("<p>原文说 “没有”</p>", ["“原文说␠“没有””"]),
        ("<p>被释放。 <code>get()</code> 在</p>", ["“被释放。␠`…` 在”"]),
        ("<p>注释说 <code>apply()</code> “每次”</p>", ["“注释说 `…`␠“每次””"]),
        ("<p>程序。Python 3.14 起</p>", []),
    ],
)
def test_scan_of_crafted_pages(html, found):
    assert [p.split(": ", 1)[1] for p in spaced_breaks(html, "page.html")] == found


# --- the hook joins what it should --------------------------------------------


class _Config:
    def __init__(self, language: str):
        self.theme = {"language": language}


def _joined(markdown: str, language: str = "zh") -> str:
    return i18n.on_page_markdown(markdown, None, _Config(language), None)


@pytest.mark.parametrize(
    ("source", "page"),
    [
        # Chinese on both sides, with or without markup at the break.
        ("父进程先\n等待", "父进程先等待"),
        (
            "退出码却是 0。\n[启动方法](start-methods.md)一页",
            "退出码却是 0。[启动方法](start-methods.md)一页",
        ),
        (
            "见[进程与进程池](process-and-pool.md)\n一页。",
            "见[进程与进程池](process-and-pool.md)一页。",
        ),
        ("提供的是：**消息边界**\n（一次", "提供的是：**消息边界**（一次"),
        ("**等待所有子进程结束。**\n原文", "**等待所有子进程结束。**原文"),
        ("原文说\n“没有更多数据了”", "原文说“没有更多数据了”"),
        ("使用*强调*\n*强调*开头", "使用*强调*<!-- -->*强调*开头"),
        # Punctuation on one side: no space, whatever is on the other.
        ("`group`\n“大多数情况下用不到”", "`group`“大多数情况下用不到”"),
        ("使用。\n`Queue.get()` 在", "使用。`Queue.get()` 在"),
        ("而不是你的程序。\nPython 3.14 起", "而不是你的程序。Python 3.14 起"),
        # Chinese next to Latin, a digit or code: the break stays a space.
        ("调用\n`join()` 等待", "调用\n`join()` 等待"),
        ("调用 `join()`\n等待", "调用 `join()`\n等待"),
        ("改编自\n[Python 对自由线程的支持](x)", "改编自\n[Python 对自由线程的支持](x)"),
        ("运行在\nPython 3.14 上", "运行在\nPython 3.14 上"),
        # Indented continuations (lists, admonitions) and blockquotes.
        ("- 父进程\n  等待子进程", "- 父进程等待子进程"),
        ("    原文启动\n    100 个进程。", "    原文启动\n    100 个进程。"),
        ("    父子两行\n    谁先出现", "    父子两行谁先出现"),
        ("> **原文：**第一\n> 行续行", "> **原文：**第一行续行"),
        # Never across blocks.
        ("几点说明：\n- 父进程", "几点说明：\n- 父进程"),
        ("几点说明：\n1. 父进程", "几点说明：\n1. 父进程"),
        ("## 标题\n正文", "## 标题\n正文"),
        ("正文：\n| 表 | 格 |", "正文：\n| 表 | 格 |"),
        ("引用结束\n> 原文", "引用结束\n> 原文"),
        ("中文\n```text\n代码\n中文\n```", "中文\n```text\n代码\n中文\n```"),
        ("硬换行  \n第二行", "硬换行  \n第二行"),
    ],
)
def test_hook_joins_wrapped_chinese_lines(source, page):
    assert _joined(source) == page


def test_hook_leaves_english_pages_alone():
    assert _joined("父进程\n等待", language="en") == "父进程\n等待"
