"""The Chinese pages use one term for each concept: the glossary's.

tests/zh_terms.toml lists, for terms of the glossary, the variants to avoid (回声服务器
for 回显服务器, 具名信号量 for 命名信号量 ...). Every docs/zh/*.md page is read line by
line, and a variant in its prose fails the test, naming the file, the line and the
preferred term. Code, URLs, titles of the official docs quoted as link text, article
titles and quotations of the original articles are not prose here (see the comment at
the top of zh_terms.toml).
"""

from __future__ import annotations

import dataclasses
import re
import sys
from pathlib import Path

import pytest

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
ZH = ROOT / "docs" / "zh"
TABLE = Path(__file__).with_name("zh_terms.toml")

MASK = "\x00"  # replaces what is not prose: never whitespace, never part of a variant
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
_INCLUDE = re.compile(r"^\s*-+8<-+\s")
_HTML_COMMENT = re.compile(r"<!--.*?-->")
_CODE = re.compile(r"(`+)(.+?)\1")
# [text](target) and ![alt](target): the target is never prose; the text is not
# either when the link goes to the Python docs (an official title, spelled as there).
_LINK = re.compile(r"(!?\[)([^\]]*)\]\(([^()\s]*(?:\([^()\s]*\)[^()\s]*)*)(?:\s+\"[^\"]*\")?\)")
_URL = re.compile(r"<?https?://[^\s>)]+>?")
_ATTRIBUTES = re.compile(r"\{[:#.][^{}]*\}|\{ [#.][^{}]*\}")
_TITLE = re.compile(r"《[^》]*》")
_QUOTE = re.compile(r"“[^”]*”")
_BLOCKQUOTE = re.compile(r"^[ \t]*>")
_ARTICLE_QUOTE = re.compile(r"^[ \t]*>[ \t>]*(?:\*\*)?原文")
_GLOSSARY_ROW = re.compile(r"^\|\s*\[([^\]]*)\]\(#([\w-]+)\)\{ #([\w-]+) \}")


@dataclasses.dataclass
class Term:
    id: str
    term: str
    avoid: list[str]
    why: str

    def patterns(self) -> list[tuple[str, re.Pattern]]:
        return [(variant, _variant_pattern(variant)) for variant in self.avoid]


def _variant_pattern(variant: str) -> re.Pattern:
    parts = [re.escape(part) for part in variant.split()]
    return re.compile(r"\s*".join(parts))


def load_terms(path: Path = TABLE) -> list[Term]:
    with path.open("rb") as f:
        table = tomllib.load(f)
    return [Term(id=key, **value) for key, value in table.items()]


def _mask(match: re.Match) -> str:
    return MASK * len(match.group())


def prose(line: str, *, article_quotes: bool) -> tuple[str, str]:
    """The line as prose, in two forms: with inline code masked (for plain variants)
    and with inline code kept (for variants written with backticks)."""
    line = _HTML_COMMENT.sub(_mask, line)

    def link(m: re.Match) -> str:
        opening, text, target = m.group(1), m.group(2), m.group(3)
        if "docs.python.org" in target:
            text = MASK * len(text)
        return opening + text + "]" + MASK * (len(m.group()) - len(opening) - len(text) - 1)

    line = _LINK.sub(link, line)
    line = _URL.sub(_mask, line)
    line = _ATTRIBUTES.sub(_mask, line)
    line = _TITLE.sub(_mask, line)
    if article_quotes:
        line = _QUOTE.sub(_mask, line)
    return _CODE.sub(_mask, line), line


def problems_in(text: str, where: str, terms: list[Term]) -> list[str]:
    """Each variant in the prose of `text` (a page's Markdown), as file:line messages."""
    found = []
    in_fence = in_article_quote = False
    for number, line in enumerate(text.splitlines(), 1):
        if _FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence or _INCLUDE.match(line):
            continue
        # A blockquote that starts with 原文 quotes the article: all of it, on purpose.
        if _BLOCKQUOTE.match(line):
            in_article_quote = in_article_quote or bool(_ARTICLE_QUOTE.match(line))
            if in_article_quote:
                continue
        else:
            in_article_quote = False
        quotes_article = "原文" in line or "docs.python.org" in line
        plain, with_code = prose(line, article_quotes=quotes_article)
        row = _GLOSSARY_ROW.match(line)
        defined_here = row.group(2) if row else None
        reported: list[range] = []  # a shorter variant inside a longer one counts once
        for term in terms:
            if term.id == defined_here:
                continue  # the glossary's own row may name the variants
            for variant, pattern in sorted(term.patterns(), key=lambda p: -len(p[0])):
                haystack = with_code if "`" in variant else plain
                for m in pattern.finditer(haystack):
                    if any(m.start() in span for span in reported):
                        continue
                    reported.append(range(m.start(), m.end()))
                    found.append(
                        f"{where}:{number}: “{variant}” → write “{term.term}” "
                        f"(glossary #{term.id}; {term.why}): {line.strip()[:80]}"
                    )
    return found


TERMS = load_terms()
ZH_PAGES = sorted(ZH.glob("*.md"))


@pytest.mark.parametrize("page", ZH_PAGES, ids=lambda p: p.name)
def test_chinese_page_uses_the_glossary_terms(page):
    problems = problems_in(
        page.read_text(encoding="utf-8"), page.relative_to(ROOT).as_posix(), TERMS
    )
    assert not problems, (
        "The page uses a variant where the glossary has a term (tests/zh_terms.toml). "
        "Write the preferred term; if the variant quotes the original article on "
        "purpose, put it in “…” on a line that says 原文, or in a blockquote that "
        "starts with 原文:\n" + "\n".join(problems)
    )


def _glossary_terms(language: str) -> dict[str, str]:
    text = (ROOT / "docs" / language / "glossary.md").read_text(encoding="utf-8")
    return {
        m.group(2): m.group(1) for line in text.splitlines() if (m := _GLOSSARY_ROW.match(line))
    }


def test_every_term_of_the_table_is_in_both_glossaries():
    zh, en = _glossary_terms("zh"), _glossary_terms("en")
    problems = []
    for term in TERMS:
        if term.id not in zh or term.id not in en:
            problems.append(
                f"tests/zh_terms.toml [{term.id}]: no row with the anchor #{term.id} in "
                f"docs/zh/glossary.md and docs/en/glossary.md; add the term to both."
            )
        elif term.term not in zh[term.id]:
            problems.append(
                f"tests/zh_terms.toml [{term.id}]: term = {term.term!r}, but the Chinese "
                f"glossary names it {zh[term.id]!r}."
            )
        problems += [
            f"tests/zh_terms.toml [{term.id}]: the preferred term {term.term!r} contains "
            f"its own variant {variant!r}"
            for variant, pattern in term.patterns()
            if pattern.search(term.term)
        ]
    assert not problems, "\n".join(problems)


# --- the check finds what it should --------------------------------------------

CRAFTED_TERMS = [
    Term("echo-server", "回显服务器", ["回声服务器", "回声"], "test"),
    Term("finally-clause", "`finally` 子句", ["`finally` 块", "finally 块"], "test"),
    Term("cpu-bound", "CPU 密集型", ["CPU 密集的"], "test"),
]


@pytest.mark.parametrize(
    ("markdown", "lines"),
    [
        ("下面是一个回声服务器。", [1]),
        ("第一行\n执行 `finally` 块和退出处理函数。", [2]),
        ("CPU密集的任务", [1]),  # with or without the space
        ("    - **`finally` 块没有执行。**", [1]),  # inside an admonition, emphasised
        # Not prose: code, URLs, link targets, official titles, article quotations.
        ("```python\n# 回声服务器\n```", []),
        ("运行 `echo 回声服务器` 命令。", []),
        ("见 https://example.com/回声服务器 一页。", []),
        ("见[这一页](回声服务器.md)。", []),
        ("参见 Python 文档：[回声服务器](https://docs.python.org/zh-cn/3/x.html)。", []),
        ("**原文：**“这是一个回声服务器”。", []),
        ("原文也说“CPU 密集的任务”，但这不对。", []),
        ("> **原文：**这是一个回声服务器，\n> 它的 finally 块……", []),
        ("《回声服务器入门》一文", []),
        # The same words outside the quotation or the blockquote are still prose.
        ("**原文：**“这是服务器”，它是一个回声服务器。", [1]),
        ("> **原文：**引文\n\n回声服务器", [3]),
        ("我们说“回声服务器”。", [1]),  # a quotation, but not of the article
        ("<!-- 回声服务器 -->回显服务器", []),
        ("| [回显服务器](#echo-server){ #echo-server } | echo server | 不叫回声服务器 |", []),
        ("| [管道](#pipe){ #pipe } | pipe | 不是回声服务器 |", [1]),
    ],
)
def test_check_of_crafted_pages(markdown, lines):
    problems = problems_in(markdown, "page.md", CRAFTED_TERMS)
    assert sorted({int(p.split(":")[1]) for p in problems}) == lines, problems
