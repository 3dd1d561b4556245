"""The CPython releases the site is verified on are named in one place only.

pyproject.toml `[tool.mpdocs] pythons` names them; the matrix reads them from there, and a
page writes the placeholder %VERIFIED_PYTHONS%, which docs/hooks/reader.py turns into the list
in the page's language. A release number typed into a page would go stale the day the matrix
moves on, so no page may type one (recorded outputs are included files, not typed text), and
no placeholder may reach the built site.
"""

from __future__ import annotations

import importlib.util
import re
import types

import pytest

import pages
import pythons
from test_site_security import ROOT

RELEASES = pythons.versions()
PLACEHOLDER = re.compile(r"%[A-Z][A-Z0-9_]*%")


def _reader_hook():
    spec = importlib.util.spec_from_file_location("reader_hook", ROOT / "docs/hooks/reader.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def typed_releases(text: str, where: str) -> list[str]:
    """Lines of a page's Markdown that type one of the verified releases."""
    problems = []
    for number, line in enumerate(text.splitlines(), 1):
        if pages.INCLUDE.match(line):
            continue
        for release in RELEASES:
            if re.search(rf"(?<![\d.]){re.escape(release)}(?![\d])", line):
                problems.append(
                    f"{where}:{number}: types the release {release}; write "
                    "%VERIFIED_PYTHONS% (the releases of pyproject.toml [tool.mpdocs] "
                    f"pythons) or the line alone ({release.rsplit('.', 1)[0]}):\n    {line.strip()}"
                )
    return problems


@pytest.mark.parametrize(
    "page",
    [p for language in pages.LANGUAGES for p in pages.pages(language)],
    ids=lambda p: p.relative_to(ROOT).as_posix(),
)
def test_no_page_types_a_verified_release(page):
    problems = typed_releases(page.read_text(encoding="utf-8"), page.relative_to(ROOT).as_posix())
    assert not problems, "\n".join(problems)


def test_scan_finds_a_typed_release():
    release = RELEASES[-1]
    assert typed_releases(f"Verified on {release}.", "page.md")
    assert typed_releases(f"验证过的版本：{release}。", "page.md")
    assert not typed_releases(f"Not releases: {release}1, 1{release}.", "page.md")
    assert not typed_releases(f'--8<-- "outputs/x.py{release}.txt"', "page.md")


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("en", ", ".join(RELEASES[:-1]) + " and " + RELEASES[-1]),
        ("zh", "、".join(RELEASES[:-1]) + " 和 " + RELEASES[-1]),
    ],
)
def test_hook_fills_the_placeholder_in_the_page_language(language, expected):
    hook = _reader_hook()
    config = types.SimpleNamespace(theme={"language": language})
    page = types.SimpleNamespace(file=types.SimpleNamespace(src_uri="index.md"))
    assert hook.on_page_markdown("On %VERIFIED_PYTHONS%.", page, config, None) == (
        f"On {expected}."
    )
    with pytest.raises(Exception, match=r"index\.md: unknown placeholder %VERIFIED_PYTHON%"):
        hook.on_page_markdown("On %VERIFIED_PYTHON%.", page, config, None)


def test_no_placeholder_left_in_the_built_site(fresh_site):
    problems = []
    for path in sorted(fresh_site.rglob("*")):
        if path.suffix not in {".html", ".json", ".xml", ".txt"}:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        problems += [
            f"{path.relative_to(fresh_site).as_posix()}: {m.group()} was not replaced "
            "(placeholders work in a page's Markdown, not in its front matter, its "
            "included files or mkdocs.yml)"
            for m in PLACEHOLDER.finditer(text)
        ]
    assert not problems, "\n".join(problems)
    for language in pages.LANGUAGES:
        home = (fresh_site / language / "index.html").read_text(encoding="utf-8")
        assert RELEASES[-1] in home, f"{language}/index.html does not name the releases"
