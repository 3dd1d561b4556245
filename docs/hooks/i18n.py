"""MkDocs hook shared by the per-language configs (docs/mkdocs.zh.yml, docs/mkdocs.en.yml).

Each language is built on its own into site/<lang>/. This hook
- gives each build its own site_url (SITE_URL + "<lang>/");
- points the language switcher (extra.alternate) at the counterpart page, the
  page with the same file name in the other language, with a relative link so
  it works on any host and from file:// as well;
- writes the root page that sends readers to their browser's language.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

DEFAULT_LANGUAGE = "zh"
ROOT_FILES = Path(__file__).parent.parent / "root"  # docs/root/: copied to site/


def on_config(config):
    language = config.theme["language"]
    root = os.environ.get("SITE_URL") or config.site_url or "/"
    config.site_url = root.rstrip("/") + f"/{language}/"
    return config


def on_page_context(context, page, config, nav):
    # "../<lang>/<page url>" is relative to this language's root; the theme's
    # `url` filter makes it relative to the page itself.
    for alternate in config.extra["alternate"]:
        alternate["link"] = f"../{alternate['lang']}/{page.url}"
    return context


def on_post_build(config):
    if config.theme["language"] != DEFAULT_LANGUAGE:
        return
    site_root = Path(config.site_dir).parent
    for source in ROOT_FILES.iterdir():
        shutil.copy2(source, site_root / source.name)
