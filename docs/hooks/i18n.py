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


def on_config(config):
    language = config.theme["language"]
    root = os.environ.get("SITE_URL") or config.site_url or "/"
    config.site_url = root.rstrip("/") + f"/{language}/"
    for option in config.theme["palette"]:
        toggle = option.get("toggle")
        if toggle:
            toggle["name"] = PALETTE_NAMES.get(language, {}).get(toggle["name"], toggle["name"])
    if language in PERMALINK_TITLES:
        config.mdx_configs.setdefault("toc", {})["permalink_title"] = PERMALINK_TITLES[language]
    return config


# Chinese wrapped in the source: a line that ends with a CJK character followed
# by one that starts with one (CJK punctuation counts).
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_FENCE = re.compile(r"^[ \t]*(```|~~~)")


def _continues(previous: str, line: str) -> bool:
    previous, line = previous.rstrip(), line.strip()
    return (
        bool(previous and line)
        and _CJK.match(previous[-1]) is not None
        and _CJK.match(line[0]) is not None
        and not previous.lstrip().startswith(("#", "|"))  # headings, table rows
    )


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
        elif not in_fence and lines and _continues(lines[-1], line):
            lines[-1] = lines[-1].rstrip() + line.strip()
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
