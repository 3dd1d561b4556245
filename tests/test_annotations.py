"""Code annotations: a snippet's `# (N)!` comments and the list that explains them.

A line of a snippet that needs a word ends with a comment `# (1)!`, `# (2)!` ... Material
shows each as a button that opens item N of the ordered list right after the code block;
the list is in each language's page, the marker in the shared snippet. Without that list
(or with too few items) the page shows a bare "(1)" instead. So wherever a page includes a
snippet with markers, the next thing after the block must be a list of exactly one item
per marker, numbered 1, 2, ... (docs/hooks/reader.py puts the download link after it).
"""

from __future__ import annotations

import re
import sys

import pytest

import pages
import snippet_runner as sr

sys.path.insert(0, str(pages.ROOT / "docs" / "hooks"))
from reader import ANNOTATION as MARKER  # the markers docs/hooks/reader.py finds

ITEM = re.compile(r"^(\d+)\.\s+\S")
ALL_PAGES = [p for language in pages.LANGUAGES for p in pages.pages(language)]


def markers(name: str) -> list[int]:
    path = sr.SNIPPETS / name
    if path.suffix != ".py" or not path.is_file():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [int(m[1]) for line in lines if (m := MARKER.search(line))]


def list_after(lines: list[str], start: int) -> list[int]:
    """The item numbers of the ordered list that starts at the first non-blank line from
    `start` (0-based); [] if something else comes first. Blank and indented lines go on
    with the list; any other line ends it."""
    i = start
    while i < len(lines) and not lines[i].strip():
        i += 1
    numbers = []
    for line in lines[i:]:
        if m := ITEM.match(line):
            numbers.append(int(m[1]))
        elif line.strip() and not line[0].isspace():
            break
    return numbers


def annotation_problems(page) -> list[str]:
    lines = page.read_text(encoding="utf-8").splitlines()
    problems = []
    for fence in pages.fences(page):
        if fence.lang not in pages.PYTHON or not fence.is_include_only:
            continue
        for name in fence.includes:
            found = markers(name)
            if not found:
                continue
            wanted = list(range(1, len(found) + 1))
            if sorted(found) != wanted:
                problems.append(
                    f"snippets/{name} has annotation markers {found}: number them "
                    f"# (1)!, # (2)! ... once each, in order."
                )
                continue
            after = fence.line + len(fence.body) + 1  # the closing fence, 1-based
            items = list_after(lines, after)
            if items != wanted:
                problems.append(
                    f"{fence.where}: {name} has {len(found)} code annotation(s) "
                    f"(# (N)! comments), so the block must be followed by an ordered list of "
                    f"{len(found)} item(s) explaining them, `1.  ...`, before anything else; "
                    f"found {items or 'no list'}. Write the list in both languages."
                )
    return problems


@pytest.mark.parametrize("page", ALL_PAGES, ids=lambda p: p.relative_to(pages.ROOT).as_posix())
def test_annotated_snippets_are_followed_by_their_list(page):
    problems = annotation_problems(page)
    assert not problems, "\n".join(problems)


def test_the_check_finds_a_missing_or_short_list(tmp_path, monkeypatch):
    snippets = tmp_path / "snippets"
    snippets.mkdir()
    (snippets / "noted.py").write_text("print(1)  # (1)!\nprint(2)  # (2)!\n")
    monkeypatch.setattr(sr, "SNIPPETS", snippets)
    fence = '```python title="noted.py"\n--8<-- "noted.py"\n```\n'
    page = tmp_path / "page.md"
    page.write_text(f"# Page\n\n{fence}\n1.  one\n2.  two\n\nMore text.\n")
    assert annotation_problems(page) == []
    page.write_text(f"# Page\n\n{fence}\n1.  one\n\nMore text.\n")
    assert "found [1]" in "\n".join(annotation_problems(page))
    page.write_text(f"# Page\n\n{fence}\nMore text.\n\n1.  one\n2.  two\n")
    assert "found no list" in "\n".join(annotation_problems(page))
