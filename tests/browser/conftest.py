"""Browser tests of the built site, run by `nox -s browser`, which builds the site and
the offline site into tests/artifacts/ and passes them as --site and --offline-site.
Without --site (the regular `pytest` run of `nox -s docs-test`) nothing here is
collected: these tests need Debian's Chromium and a built site. Playwright is imported
only when they run."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from sitehttp import CHROMIUM, CHROMIUM_ARGS

ARTIFACTS = Path(__file__).parents[1] / "artifacts"
# Schemes a page may load besides its own origin: inline data, blobs, the iframe-worker's
# blank frame.
LOCAL_SCHEMES = ("data", "blob", "about")


def pytest_addoption(parser):
    group = parser.getgroup("browser", "browser tests of the built site (nox -s browser)")
    group.addoption("--site", metavar="DIR", help="the built site/ to serve and test")
    group.addoption("--offline-site", metavar="DIR", help="the offline build to test from file://")


def pytest_ignore_collect(collection_path, config):
    if config.getoption("--site", None) is None:
        return True  # not asked for: the regular run skips this folder silently
    return None


def pytest_configure(config):
    if config.getoption("--site", None) is None:
        return
    if not Path(CHROMIUM).is_file():
        raise pytest.UsageError(
            f"The browser tests need Debian's Chromium at {CHROMIUM}: "
            "apt-get install chromium fonts-noto-cjk"
        )
    for option in ("--site", "--offline-site"):
        site = config.getoption(option)
        if site is None or not (Path(site) / "index.html").is_file():
            raise pytest.UsageError(f"{option} {site}: no built site there (no index.html)")


@pytest.fixture(scope="session")
def site_dir(pytestconfig):
    return Path(pytestconfig.getoption("--site")).resolve()


@pytest.fixture(scope="session")
def offline_dir(pytestconfig):
    return Path(pytestconfig.getoption("--offline-site")).resolve()


@pytest.fixture(scope="session")
def base_url(site_dir):
    """The site served where it was built to be (its hreflang links are absolute)."""
    import sitehttp

    built = sitehttp.built_site_url(site_dir)
    parts = urlsplit(built or "")
    if parts.hostname != "127.0.0.1" or not parts.port or parts.path != "/":
        pytest.fail(
            f"{site_dir} was built for {built}; the browser tests need a site built with "
            "SITE_URL=http://127.0.0.1:PORT/ for a free PORT (nox -s browser does that)"
        )
    with sitehttp.serve(site_dir, parts.port) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def new_page(browser):
    """new_page(origin, **context_options) -> (page, watcher); closed after the test."""
    contexts = []

    def make(origin, **options):
        options.setdefault("viewport", {"width": 1280, "height": 900})
        options.setdefault("locale", "zh-CN")
        context = browser.new_context(**options)
        context.set_default_timeout(10_000)
        contexts.append(context)
        page = context.new_page()
        return page, Watcher(page, origin)

    yield make
    for context in contexts:
        context.close()


class Watcher:
    """Everything a page does wrong: console errors, uncaught exceptions, requests
    that fail or go anywhere but the site's origin (or, from file://, outside file:)."""

    def __init__(self, page, origin):
        self.origin = _origin(origin)
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.problems.append(f"uncaught: {error}"))
        # The context's network events include the search worker's.
        page.context.on("requestfailed", self._failed)
        page.context.on("response", self._response)
        page.context.on("request", self._request)
        self.expected_statuses: dict[str, int] = {}  # URL -> an error status it should get
        self.may_abort: set[str] = set()  # URLs a script navigates away from while loading

    def _console(self, message):
        expected = message.location.get("url") in self.expected_statuses
        if message.type == "error" and not expected:
            self.problems.append(f"console error: {message.text} ({message.location})")

    def _failed(self, request):
        if request.url in self.may_abort and request.failure == "net::ERR_ABORTED":
            return
        self.problems.append(f"request failed: {request.url} ({request.failure})")

    def _response(self, response):
        expected = self.expected_statuses.get(response.url, 200)
        if response.status >= 400 and response.status != expected:
            self.problems.append(f"HTTP {response.status}: {response.url}")

    def _request(self, request):
        scheme = urlsplit(request.url).scheme
        if scheme not in LOCAL_SCHEMES and _origin(request.url) != self.origin:
            self.problems.append(f"request leaves the site: {request.url}")

    def check(self):
        assert not self.problems, "\n".join(self.problems)


def _origin(url):
    parts = urlsplit(url)
    return (parts.scheme, parts.netloc)


# What the search box's dropdown says once the index is loaded (Material's translations).
SEARCH_READY = {"zh": "键入以开始搜索", "en": "Type to start searching"}


def search(page, lang, query):
    """Type `query` in the header's search box once the index is ready; the result links."""
    box = page.locator("input.md-search__input")
    box.click()
    page.locator(".md-search-result__meta", has_text=SEARCH_READY[lang]).wait_for()
    box.press_sequentially(query)
    box.press("End")  # CJK text arrives without key events; Material searches on keyup
    links = page.locator(".md-search-result__item > .md-search-result__link")
    links.first.wait_for()
    page.wait_for_function(  # the results fade in
        "getComputedStyle(document.querySelector('.md-search__output')).opacity === '1'"
    )
    return links
