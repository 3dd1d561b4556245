"""The offline build (OFFLINE=true) opened from file://, as a reader who downloaded it
would: every page loads cleanly, and search and the language switcher work."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest
import sitehttp
from conftest import search

PAGES = [(lang, name) for lang in sitehttp.LANGUAGES for name in sitehttp.page_names()]
PAGE_IDS = [f"{lang}/{name}" for lang, name in PAGES]
OTHER = {"zh": "en", "en": "zh"}
SEARCHES = {"zh": ("僵尸进程", "threads-vs-processes"), "en": ("pool", "process-and-pool")}


@pytest.fixture(scope="module")
def root(offline_dir):
    return offline_dir.as_uri() + "/"


def open_page(new_page, root, lang, name, **options):
    page, watcher = new_page(root, **options)
    page.goto(urljoin(root, sitehttp.page_path(lang, name)))
    page.wait_for_load_state("networkidle")
    return page, watcher


@pytest.mark.parametrize(("lang", "name"), PAGES, ids=PAGE_IDS)
def test_page_and_switcher_work_from_file_urls(new_page, root, lang, name):
    page, watcher = open_page(new_page, root, lang, name)
    assert page.get_attribute("html", "lang") == lang
    assert "--8<--" not in page.locator("article").inner_text()
    page.hover(".md-header .md-select")
    page.click(f".md-select__link[hreflang={OTHER[lang]}]")
    page.wait_for_load_state("networkidle")
    assert page.url == urljoin(root, sitehttp.page_path(OTHER[lang], name))
    watcher.check()


@pytest.mark.parametrize("lang", sitehttp.LANGUAGES)
def test_search_works_from_file_urls(new_page, root, lang):
    query, expected = SEARCHES[lang]
    page, watcher = open_page(new_page, root, lang, "index")
    hrefs = search(page, lang, query).evaluate_all("ls => ls.map(l => l.href)")
    assert all(href.startswith(urljoin(root, f"{lang}/")) for href in hrefs), hrefs
    pages = [href.split("?")[0].split("#")[0] for href in hrefs]
    assert urljoin(root, sitehttp.page_path(lang, expected)) in pages[:3], hrefs
    watcher.check()


@pytest.mark.parametrize(("locale", "lang"), [("zh-CN", "zh"), ("en-GB", "en")])
def test_root_page_sends_readers_to_their_language(new_page, root, locale, lang):
    page, watcher = new_page(root, locale=locale)
    watcher.may_abort.add(urljoin(root, "index.html"))
    page.goto(urljoin(root, "index.html"))
    page.wait_for_url(urljoin(root, f"{lang}/index.html"))
    page.wait_for_load_state("networkidle")
    watcher.check()
