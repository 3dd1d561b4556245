"""Read the pages: their code fences and the snippet files they include."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

from markdown_it import MarkdownIt

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs"
LANGUAGES = ("zh", "en")
PYTHON = {"python", "py", "python3"}

# A pymdownx.snippets include line: --8<-- "file"
INCLUDE = re.compile(r'^\s*-{1,}8<-{1,}\s+"([^"]+)"\s*$')
_FENCE_OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<mark>`{3,}|~{3,})(?P<info>.*)$")
# Superfences accepts only key=value options after the language (or the brace form).
_OPTION = re.compile(r'^[\w-]+=(?:"[^"]*"|\'[^\']*\'|\S+)$')
_OPTIONS = re.compile(r'[\w-]+=(?:"[^"]*"|\'[^\']*\'|\S+)|\S+')


@dataclasses.dataclass
class Fence:
    page: Path
    line: int  # 1-based line of the opening fence
    indent: str
    info: str
    body: list[str]

    @property
    def lang(self) -> str:
        info = self.info.strip()
        if info.startswith("{"):
            words = info.strip("{}").split()
            dotted = [w[1:] for w in words if w.startswith(".")]
            return dotted[0] if dotted else ""
        return info.split()[0] if info else ""

    @property
    def includes(self) -> list[str]:
        return [m.group(1) for line in self.body if (m := INCLUDE.match(line))]

    @property
    def is_include_only(self) -> bool:
        lines = [line for line in self.body if line.strip()]
        return bool(lines) and all(INCLUDE.match(line) for line in lines)

    @property
    def bare_words(self) -> list[str]:
        """Words after the language that superfences would reject."""
        info = self.info.strip()
        if not info or info.startswith("{"):
            return []
        words = _OPTIONS.findall(info)[1:]
        return [w for w in words if not _OPTION.match(w)]

    @property
    def where(self) -> str:
        """page:line, the page relative to the project when it is in it (tests use others)."""
        page = self.page
        shown = page.relative_to(ROOT).as_posix() if page.is_relative_to(ROOT) else str(page)
        return f"{shown}:{self.line}"


def fences(page: Path) -> list[Fence]:
    """Every fenced block of a page, including ones indented inside admonitions
    and content tabs (which CommonMark, and so pytest-markdown-docs, does not
    see as fences)."""
    found = []
    lines = page.read_text(encoding="utf-8").splitlines()
    i = 0
    while i < len(lines):
        m = _FENCE_OPEN.match(lines[i])
        if not m:
            i += 1
            continue
        mark, indent = m.group("mark"), m.group("indent")
        body = []
        j = i + 1
        while j < len(lines):
            stripped = lines[j].strip()
            if stripped.startswith(mark[0] * len(mark)) and not stripped.strip(mark[0]):
                break
            body.append(lines[j][len(indent) :])
            j += 1
        found.append(Fence(page, i + 1, indent, m.group("info"), body))
        i = j + 1
    return found


def pages(language: str) -> list[Path]:
    return sorted((DOCS / language).rglob("*.md"))


def page_key(page: Path) -> str:
    """The page's path inside its language folder: the same in both languages."""
    for language in LANGUAGES:
        folder = DOCS / language
        if page.is_relative_to(folder):
            return page.relative_to(folder).as_posix()
    raise ValueError(page)


_HEADING_ID = re.compile(r"^#{1,6} .*\{ *#([\w-]+) *\}\s*$")


def heading_ids(page: Path) -> list[str]:
    """The explicit ids of the page's headings ({ #id }), outside code fences."""
    inside = {
        line
        for fence in fences(page)
        for line in range(fence.line, fence.line + len(fence.body) + 2)
    }
    lines = page.read_text(encoding="utf-8").splitlines()
    return [
        m.group(1)
        for number, line in enumerate(lines, start=1)
        if number not in inside and (m := _HEADING_ID.match(line))
    ]


def includes(page: Path) -> list[str]:
    return [name for fence in fences(page) for name in fence.includes]


# --- pytest-markdown-docs ----------------------------------------------------


def _retag_includes(state) -> None:
    """Give include-only fences a language that pytest-markdown-docs does not run.

    The snippet they include is run as a real script by the snippet tests
    instead; test_pages checks that the included file exists."""
    for token in state.tokens:
        if token.type != "fence":
            continue
        body = [line for line in token.content.splitlines() if line.strip()]
        if body and all(INCLUDE.match(line) for line in body):
            token.info = "snippet-include"


def markdown_it() -> MarkdownIt:
    md = MarkdownIt("commonmark")
    md.core.ruler.push("mpdocs_retag_includes", _retag_includes)
    return md
