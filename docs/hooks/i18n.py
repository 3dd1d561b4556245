"""MkDocs hook shared by the per-language configs (docs/mkdocs.zh.yml, docs/mkdocs.en.yml).

Each language is built on its own into site/<lang>/. This hook
- gives each build its own site_url (SITE_URL + "<lang>/");
- points the language switcher (extra.alternate) at the counterpart page, the
  page with the same file name in the other language, with a relative link so
  it works on any host and from file:// as well;
- gives the head's hreflang alternates absolute URLs (overrides/main.html);
- translates the palette toggle's names, the nav's section titles and the headings'
  permalink title;
- joins Chinese lines wrapped in the source, which browsers would show with a
  space at every break;
- leaves Chinese word segmentation (jieba) to the Chinese search index;
- writes the root pages (docs/root/) to site/: index.html sends readers to
  their browser's language, 404.html is the not-found page GitHub Pages serves
  for every missing address, robots.txt names both sitemaps. In them,
  %SITE_URL% becomes the site's root URL and %SITE_ROOT_PATH% its path ("/" or
  "/repository/").
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

from mkdocs.exceptions import PluginError

DEFAULT_LANGUAGE = "zh"
ROOT_FILES = Path(__file__).parent.parent / "root"  # docs/root/: copied to site/
PALETTE_NAMES = {
    "zh": {"Switch to dark mode": "切换到深色模式", "Switch to light mode": "切换到浅色模式"}
}
PERMALINK_TITLES = {"zh": "本节链接"}  # the ¶ after each heading; toc's default is English
# The nav's section titles (mkdocs.yml) in each language other than English.
SECTION_TITLES = {
    "zh": {"The articles": "原文五篇", "Beyond the articles": "进阶专题", "Reference": "参考"}
}

# Material's search cuts every run of Han characters into words with jieba, when jieba is
# installed, whatever the language; only the Chinese index needs that.
JIEBA_LANGUAGES = {"zh"}


def _no_chinese_segmentation():
    """Loading jieba's dictionary costs about a second of CPU per build. The English
    pages' few Chinese words (in program output) stay whole in their index without it.
    Each language builds in a process of its own (noxfile.py), so this touches no other
    language's build."""
    import material.plugins.search.plugin as search

    search.jieba = None


def on_config(config):
    language = config.theme["language"]
    if language not in JIEBA_LANGUAGES:
        _no_chinese_segmentation()
    root = os.environ.get("SITE_URL") or config.site_url or "/"
    config.site_url = root.rstrip("/") + f"/{language}/"
    for option in config.theme["palette"]:
        if option.get("media") == "(prefers-color-scheme)":
            raise PluginError(
                "mkdocs.yml: theme.palette: the automatic option (media "
                '"(prefers-color-scheme)") is not supported by the toggle in '
                "docs/overrides/partials/javascripts/palette.html; give light and dark "
                "options their own media queries"
            )
        toggle = option.get("toggle")
        if toggle:
            toggle["name"] = PALETTE_NAMES.get(language, {}).get(toggle["name"], toggle["name"])
    if language in PERMALINK_TITLES:
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = PERMALINK_TITLES[language]
    return config


# Chinese wrapped in the source. A line break in Markdown is a space in the page,
# and browsers show it even between two Chinese characters, so a break is removed
# when the visible characters on either side of it are Chinese (Han characters or
# Chinese punctuation), looking through inline markup at the break: emphasis
# (*, **, _), link brackets and targets ([, ], ](url)) and attribute lists
# ({ .class }). A break next to full-width punctuation is removed whatever is on the
# other side: nothing is spaced from 。，（“ and the like. A break between a Han
# character and Latin text, a digit or inline code stays a space, as the pages
# write it (“用 `join()` 等待”).
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# CJK symbols and punctuation, full-width forms, and the quotation marks, dash
# and ellipsis of Chinese text (“ ” ‘ ’ —— ……).
_PUNCTUATION = r"\u3000-\u303f\uff00-\uffef\u2018\u2019\u201c\u201d\u2014\u2026"
_CJK = re.compile(f"[{_HAN}{_PUNCTUATION}]")
_CJK_PUNCTUATION = re.compile(f"[{_PUNCTUATION}]")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")
# Leading indentation and blockquote markers: a continuation line repeats them.
_PREFIX = re.compile(r"^[ \t]*(?:>[ \t]?)*")
# Inline markup that can close a line: emphasis, a link's ](target) or ], a
# reference ][ref], an attribute list { ... }.
_CLOSING = re.compile(
    r"(?:[*_]{1,3}"
    r"|\]\((?:[^()\s]|\([^()\s]*\))*(?:\s+\"[^\"]*\")?\)"
    r"|\](?:\[[^\]]*\])?"
    r"|\{[^{}]*\})$"
)
# Inline markup that can open a line: emphasis (not a list marker: no space
# follows it) and a link or image bracket.
_OPENING = re.compile(r"^(?:[*_]{1,3}(?=\S)|!?\[)")
# Lines that start a block of their own (a list item, a heading, a table row,
# a fence ...): never part of the paragraph above.
_BLOCK_START = re.compile(r"^(?:[-*+]\s|\d+[.)]\s|[#|>:<]|!!!|\?\?\?|===|```|~~~|--8<--|---)")


def _last_visible(text: str) -> str:
    text = text.rstrip()
    while (m := _CLOSING.search(text)) and m.start() > 0:
        text = text[: m.start()].rstrip("[")  # ](target) leaves the link text
    return text[-1:] if text else ""


def _first_visible(text: str) -> str:
    text = text.lstrip()
    while m := _OPENING.match(text):
        text = text[m.end() :]
    return text[:1]


def _joins(before: str, after: str) -> bool:
    """Is a line break between these two visible characters no space at all?"""
    if not before or not after:
        return False
    if _CJK.match(before) and _CJK.match(after):
        return True  # Chinese on both sides
    # Latin, a digit or code on one side: a space, unless the other is punctuation.
    return bool(_CJK_PUNCTUATION.match(before) or _CJK_PUNCTUATION.match(after))


def _continues(previous: str, line: str) -> str | None:
    """The text of `line` to append to `previous` if the break between them is
    no space in Chinese, else None."""
    if not previous.strip() or not line.strip():
        return None
    if previous.endswith("  ") or previous.rstrip().endswith("\\"):
        return None  # a hard line break
    before_prefix, after_prefix = _PREFIX.match(previous), _PREFIX.match(line)
    if before_prefix.group().count(">") != after_prefix.group().count(">"):
        return None  # a blockquote starts or ends here
    body = previous[before_prefix.end() :]
    if body.startswith(("#", "|", "!!!", "???", "===", "--8<--")):
        return None  # headings, table rows, admonition and tab titles, includes
    text = line[after_prefix.end() :].strip()
    if _BLOCK_START.match(text) or not _joins(_last_visible(body), _first_visible(text)):
        return None
    return text


def on_nav(nav, config, files):
    titles = SECTION_TITLES.get(config.theme["language"], {})
    for item in nav.items:
        if item.is_section:
            item.title = titles.get(item.title, item.title)
    return nav


def on_page_markdown(markdown, page, config, files):
    if config.theme["language"] != "zh":
        return markdown
    lines, in_fence = [], False
    for line in markdown.split("\n"):
        if _FENCE.match(line):
            in_fence = not in_fence
        elif not in_fence and lines and (text := _continues(lines[-1], line)) is not None:
            previous = lines[-1].rstrip()
            # "*a*" + "*b*" would read as "*a**b*": keep the two runs apart.
            glue = "<!-- -->" if previous[-1] in "*_" and text[0] in "*_" else ""
            lines[-1] = previous + glue + text
            continue
        lines.append(line)
    return "\n".join(lines)


def on_page_context(context, page, config, nav):
    # "../<lang>/<page url>" is relative to this language's root; the theme's
    # `url` filter makes it relative to the page itself.
    for alternate in config.extra["alternate"]:
        alternate["link"] = f"../{alternate['lang']}/{page.url}"
        # hreflang wants absolute URLs (the switcher keeps relative ones).
        alternate["href"] = urljoin(config.site_url, alternate["link"])
    return context


def on_template_context(context, template_name, config):
    # The theme's own pages (404.html): the switcher goes to the other language's
    # home page, and there is no counterpart to announce with hreflang.
    for alternate in config.extra["alternate"]:
        alternate["link"] = f"../{alternate['lang']}/index.html"
        alternate.pop("href", None)
    return context


def on_post_build(config):
    if config.theme["language"] != DEFAULT_LANGUAGE:
        return
    site_root = Path(config.site_dir).parent
    root_url = urljoin(config.site_url, "..")
    for source in ROOT_FILES.iterdir():
        text = source.read_text(encoding="utf-8")
        text = text.replace("%SITE_URL%", root_url)
        text = text.replace("%SITE_ROOT_PATH%", urlsplit(root_url).path)
        (site_root / source.name).write_text(text, encoding="utf-8")
