"""Page weight, a benchmark (nox -s weight): what a first visit to each page loads.

    python tests/browser/weight.py SITE [LANG=SECONDS ...]

SITE must have been built for http://127.0.0.1:PORT/ (its hreflang links are absolute);
it is served there. Each page is opened in a fresh browser context (empty cache) and
every response is counted, workers' included (the search index), by kind. "gzip" is the
same bytes compressed, about what a server such as GitHub Pages sends. LANG=SECONDS are
the build times measured by the nox session, printed with the table.
"""

from __future__ import annotations

import gzip
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import sitehttp
from sitehttp import CHROMIUM, CHROMIUM_ARGS

KINDS = ("html", "css", "js", "index", "image", "other")


def kind(response):
    """By file type: the worker's scripts count as js, the favicon as an image."""
    path = urlsplit(response.url).path
    if path.endswith("search_index.json"):
        return "index"
    if response.request.resource_type == "document" or path.endswith((".html", "/")):
        return "html"
    suffix = Path(path).suffix
    if suffix in (".css", ".js"):
        return suffix[1:]
    if suffix in (".png", ".svg", ".jpg", ".jpeg", ".gif", ".webp", ".ico"):
        return "image"
    return "other"  # the sitemaps Material's language switcher reads


def measure(browser, url):
    sizes, packed = Counter(), Counter()
    context = browser.new_context()
    responses = []
    context.on("response", lambda response: responses.append(response))
    page = context.new_page()
    page.goto(url)
    page.wait_for_load_state("networkidle")
    for response in responses:
        if urlsplit(response.url).scheme not in ("http", "https"):
            continue  # data: URLs are inside a file already counted
        body = response.body()
        sizes[kind(response)] += len(body)
        packed[kind(response)] += len(gzip.compress(body, 6))
    context.close()
    return sizes, packed


def main(site, build_times):
    from playwright.sync_api import sync_playwright

    site = Path(site)
    port = urlsplit(sitehttp.built_site_url(site)).port
    header = f"{'page':<28}" + "".join(f"{k:>9}" for k in KINDS) + f"{'total':>10}{'gzip':>9}"
    with sitehttp.serve(site, port) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        print("Bytes a first visit loads (decoded; gzip = compressed at level 6)\n")
        print(header)
        sys.stdout.flush()
        for language in sitehttp.LANGUAGES:
            for name in sitehttp.page_names():
                path = sitehttp.page_path(language, name)
                sizes, packed = measure(browser, base + path)
                row = "".join(f"{sizes[k]:>9,}" for k in KINDS)
                total, gz = sum(sizes.values()), sum(packed.values())
                print(f"{path:<28}{row}{total:>10,}{gz:>9,}")
        browser.close()
    print()
    for item in build_times:
        language, _, seconds = item.partition("=")
        print(f"build time {language}: {float(seconds):.1f} s")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2:])
