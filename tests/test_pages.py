"""The pages as a whole: both languages, what they include, how their fences are written."""

from __future__ import annotations

import difflib
import re
from pathlib import Path

import pytest

import pages
import snippet_runner as sr

ALL_PAGES = [p for language in pages.LANGUAGES for p in pages.pages(language)]


def _rel(path):
    return path.relative_to(pages.ROOT).as_posix()


def test_every_page_has_its_twin():
    zh = {pages.page_key(p) for p in pages.pages("zh")}
    en = {pages.page_key(p) for p in pages.pages("en")}
    problems = [
        f"docs/zh/{key} has no English twin: add docs/en/{key} (same file name)."
        for key in sorted(zh - en)
    ] + [
        f"docs/en/{key} has no Chinese twin: add docs/zh/{key} (same file name)."
        for key in sorted(en - zh)
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("key", sorted({pages.page_key(p) for p in pages.pages("zh")}), ids=str)
def test_twins_include_the_same_files_in_the_same_order(key):
    zh, en = pages.DOCS / "zh" / key, pages.DOCS / "en" / key
    if not en.exists():
        pytest.fail(f"docs/en/{key} is missing (see test_every_page_has_its_twin)")
    zh_includes, en_includes = pages.includes(zh), pages.includes(en)
    diff = "\n".join(
        difflib.unified_diff(
            zh_includes, en_includes, f"docs/zh/{key}", f"docs/en/{key}", lineterm=""
        )
    )
    assert zh_includes == en_includes, (
        f"The two languages of {key} include different snippets or outputs, or "
        f"in a different order; make them include the same files:\n{diff}"
    )


# Only pages present in both languages: a missing twin is test_every_page_has_its_twin's.
TWINNED = sorted(
    {pages.page_key(p) for p in pages.pages("zh")} & {pages.page_key(p) for p in pages.pages("en")}
)


@pytest.mark.parametrize("key", TWINNED, ids=str)
def test_twins_share_heading_ids(key):
    """Links like essentials.html#queue must work in both languages."""
    zh, en = pages.DOCS / "zh" / key, pages.DOCS / "en" / key
    zh_ids, en_ids = pages.heading_ids(zh), pages.heading_ids(en)
    assert zh_ids and zh_ids == en_ids, (
        f"The headings of docs/zh/{key} and docs/en/{key} must carry the same explicit "
        f"ids {{ #id }}, in the same order.\nzh: {zh_ids}\nen: {en_ids}"
    )


@pytest.mark.parametrize("page", ALL_PAGES, ids=_rel)
def test_includes_exist(page):
    missing = [
        f"{fence.where}: includes {name!r}, but snippets/{name} does not exist."
        for fence in pages.fences(page)
        for name in fence.includes
        if not (sr.SNIPPETS / name).is_file()
    ]
    assert not missing, "\n".join(missing)


def test_every_snippet_and_output_is_shown():
    shown = {name for page in ALL_PAGES for name in pages.includes(page)}
    problems = [
        f"snippets/{path.relative_to(sr.SNIPPETS).as_posix()} is included by no "
        "page: include it in docs/zh/ and docs/en/, or delete it."
        for path in [*sr.SNIPPETS.glob("*.py"), *sr.OUTPUTS.glob("*.txt")]
        if path.relative_to(sr.SNIPPETS).as_posix() not in shown
    ]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("page", ALL_PAGES, ids=_rel)
def test_fences_are_run_or_included(page):
    """Every python fence is either run by pytest-markdown-docs or includes a
    snippet; nothing python-looking escapes both."""
    problems = []
    for fence in pages.fences(page):
        if fence.bare_words:
            problems.append(
                f"{fence.where}: fence header {fence.info.strip()!r} has a bare "
                f"word {fence.bare_words} after the language. Superfences "
                'rejects it and the page breaks silently; use key="value" '
                "options or the brace form { .python ... }."
            )
        if fence.lang not in pages.PYTHON or fence.is_include_only:
            continue
        if fence.indent:
            problems.append(
                f"{fence.where}: a python fence inside an admonition or a tab "
                "is never run by pytest-markdown-docs. Move the code to a "
                "snippet file and include it, or move the fence out."
            )
        elif fence.info.strip().startswith("{") and "notest" in fence.info:
            problems.append(
                f"{fence.where}: a python fence marked notest is neither run "
                "nor a snippet include. Make it a snippet."
            )
        elif fence.includes:
            problems.append(
                f"{fence.where}: a fence that mixes an include with inline code "
                "would be run as Python. Keep includes in fences of their own."
            )
    assert not problems, "\n".join(problems)


def test_the_palette_toggle_refuses_an_automatic_option(monkeypatch):
    """docs/overrides/partials/javascripts/palette.html picks an option by its media query
    and does not follow the system afterwards: the build stops on Material's automatic
    option rather than show the wrong scheme."""
    import types

    from mkdocs.exceptions import PluginError

    monkeypatch.syspath_prepend(str(pages.ROOT / "docs" / "hooks"))
    import i18n

    automatic = {"media": "(prefers-color-scheme)", "toggle": {"name": "Switch"}}
    config = types.SimpleNamespace(
        theme={"language": "zh", "palette": [automatic]}, site_url="/", mdx_configs={}
    )
    with pytest.raises(PluginError, match="automatic option"):
        i18n.on_config(config)
    automatic["media"] = "(prefers-color-scheme: light)"
    assert i18n.on_config(config) is config


def test_the_code_spans_the_build_drops_show_nothing():
    """docs/hooks/reader.py drops Pygments' <span class="n"> (names) and <span class="w">
    (whitespace) from code blocks: the theme's stylesheets and ours must colour names as the
    code around them and not style whitespace at all, or the page would look different."""
    import material

    stylesheets = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"
    ours = pages.ROOT / "docs" / "overrides" / "assets" / "stylesheets"
    paths = sorted(stylesheets.glob("*.css")) + sorted(ours.glob("*.css"))
    css = "".join(p.read_text(encoding="utf-8") for p in paths)
    rules = re.findall(r"([^{}]*)\{([^{}]*)\}", css)
    dropped = re.compile(r"\.highlight \.[nw](?![\w-])")
    styled = {
        rule.strip() for sel, body in rules if dropped.search(sel) for rule in body.split(";")
    }
    assert styled - {""} == {"color:var(--md-code-hl-name-color)"}, styled
    names = set(re.findall(r"--md-code-hl-name-color:([^;}]*)", css))
    assert names == {"var(--md-code-fg-color)"}, names
