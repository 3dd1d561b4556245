"""The published site in Chromium: every page in both languages, served over HTTP
the way GitHub Pages serves it."""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

import pytest
import sitehttp
from conftest import ARTIFACTS, SEARCH_READY, search
from playwright.sync_api import expect

SNIPPETS = sitehttp.ROOT / "snippets"
PAGES = [(lang, name) for lang in sitehttp.LANGUAGES for name in sitehttp.page_names()]
PAGE_IDS = [f"{lang}/{name}" for lang, name in PAGES]
OTHER = {"zh": "en", "en": "zh"}

# Query -> the page the first result must be, and the section among its matches.
SEARCHES = {
    "zh": {
        "进程池": ("process-and-pool", "pool"),
        "队列": ("essentials", "queue"),
        "僵尸进程": ("threads-vs-processes", "threading-and-multiprocessing"),
        # an error message as a reader pastes it: the error index has it
        "Lock objects should only be shared between processes through inheritance": (
            "errors",
            "shared-through-inheritance",
        ),
    },
    "en": {
        "pool": ("pools", "choosing"),  # the page on pools; its "Pool or ProcessPoolExecutor?"
        "queue": ("essentials", "queue"),
        "zombie": ("threads-vs-processes", "threading-and-multiprocessing"),
        "An attempt has been made to start a new process before the current process has "
        "finished its bootstrapping phase": ("errors", "main-module-bootstrapping"),
        "ConnectionResetError forkserver": ("errors", "fork-server-reset"),
    },
}
SCREENSHOT_ARTICLE = "essentials"  # its first screen has a code block
SCREENSHOT_FIGURE = "process-and-pool"  # has a timeline picture


def open_page(new_page, base_url, lang, name, **options):
    page, watcher = new_page(base_url, **options)
    response = page.goto(urljoin(base_url, sitehttp.page_path(lang, name)))
    assert response.status == 200, f"{response.url}: HTTP {response.status}"
    page.wait_for_load_state("networkidle")
    return page, watcher


def code_blocks(page):
    """(title, code text) of every code block on the page; a code annotation (Material's
    button and tooltip in place of a `# (N)!` comment) reads as the comment it replaced."""
    return page.eval_on_selector_all(
        ".md-content .highlight",
        """blocks => blocks.map(block => {
            const code = block.querySelector('code')?.cloneNode(true);
            code?.querySelectorAll('.md-annotation').forEach(annotation => {
                const id = annotation.querySelector('[data-md-annotation-id]')
                    .getAttribute('data-md-annotation-id');
                annotation.replaceWith('# (' + id + ')!');
            });
            return [
                block.querySelector(':scope > .filename')?.textContent.trim() ?? '',
                code?.textContent ?? '',
            ];
        })""",
    )


def snippet_text(title):
    """The file a block's title names, if it is a snippet."""
    path = SNIPPETS / title
    if "/" not in title and path.suffix == ".py" and path.is_file():
        return path.read_text(encoding="utf-8")
    return None


@pytest.mark.parametrize(("lang", "name"), PAGES, ids=PAGE_IDS)
def test_page_loads_cleanly(new_page, base_url, lang, name):
    """No console error, no failed request, nothing fetched from another origin; the
    page is in its language and every code block shows code, never a directive."""
    page, watcher = open_page(new_page, base_url, lang, name)
    assert page.get_attribute("html", "lang") == lang
    # An include line shows when pymdownx.snippets did not expand it, or when a broken
    # fence header turned the block into a paragraph.
    text = page.locator("article").inner_text()
    assert "--8<--" not in text, f"an include directive shows on the page:\n{text}"
    for title, code in code_blocks(page):
        expected = snippet_text(title)
        if expected is not None:
            assert code.rstrip("\n") == expected.rstrip("\n"), f"{title} shows other code"
    watcher.check()


# A snippet with code annotations, the page that shows it, and words of its first
# annotation in each language.
ANNOTATED = ("essentials", "queue_hello.py")
ANNOTATION_TEXT = {"zh": "子进程才能退出", "en": "the child cannot exit"}
ANNOTATION_LABEL = {"zh": "代码注释 ", "en": "Code annotation "}  # overrides/main.html


@pytest.mark.parametrize("lang", sitehttp.LANGUAGES)
def test_code_annotation_opens_and_shows_its_text(new_page, base_url, lang):
    """Material turns the `# (1)!` comment into a button that opens item 1 of the list
    after the block; the list itself is hidden, and the download link still follows."""
    name, title = ANNOTATED
    page, watcher = open_page(new_page, base_url, lang, name)
    block = page.locator(".md-content .highlight").filter(
        has=page.locator(":scope > .filename", has_text=title)
    )
    block.scroll_into_view_if_needed()  # the theme mounts it then (content.lazy)
    annotation = block.locator("pre > code .md-annotation").first
    tooltip = annotation.locator(".md-tooltip__inner")
    index = annotation.locator(".md-annotation__index")
    assert index.get_attribute("aria-label") == f"{ANNOTATION_LABEL[lang]}1"
    # Closed: no tooltip, or (for 250 ms after the theme mounted it) an inactive one.
    assert annotation.evaluate(
        "a => { const t = a.querySelector('.md-tooltip');"
        " return !t || (!t.classList.contains('md-tooltip--active')"
        " && getComputedStyle(t).opacity === '0') }"
    ), "the annotation is open before the click"
    # It pulses while in view (animation: pulse 2s infinite): never "stable" for Playwright.
    index.click(force=True)
    expect(annotation.locator(".md-tooltip")).to_have_class(re.compile(r"\bmd-tooltip--active\b"))
    expect(tooltip).to_contain_text(ANNOTATION_TEXT[lang])
    assert "(1)" not in block.locator("pre > code").inner_text()  # no bare marker
    following = block.locator("xpath=following-sibling::*[not(self::ol[@hidden])][1]")
    assert "mp-download" in following.get_attribute("class"), "the download link moved"
    watcher.check()


# Pages with tables (glossary's scroll sideways on a phone): each table's box, relative to
# the outer of its wrappers, that wrapper's size, how far it scrolls and its distance from
# what comes before it.
TABLE_PAGES = ("glossary", "pools")
TABLE_BOXES = """() => [...document.querySelectorAll('article table')].map(table => {
    let wrap = table.closest('.md-typeset__scrollwrap'), outer;
    while ((outer = wrap?.parentElement.closest('.md-typeset__scrollwrap'))) wrap = outer;
    if (!wrap) return null;
    const t = table.getBoundingClientRect(), w = wrap.getBoundingClientRect();
    const before = wrap.previousElementSibling.getBoundingClientRect();
    return [t.left - w.left, t.top - w.top, t.width, t.height, w.width, w.height,
            wrap.scrollWidth, w.top - before.bottom].map(n => Math.round(n));
})"""


@pytest.mark.parametrize("width", [360, 1280], ids=["phone", "desktop"])
@pytest.mark.parametrize("name", TABLE_PAGES)
@pytest.mark.parametrize("lang", sitehttp.LANGUAGES)
def test_tables_keep_their_place_when_the_theme_starts(new_page, base_url, lang, name, width):
    """Tables come in the theme's wrappers (docs/hooks/reader.py), so that its script need
    not restyle the page to add them; it still wraps each table once more, inside, and
    extra.css makes that second pair add nothing: each table has the same box as without
    the script."""
    viewport = {"width": width, "height": 800}
    plain, _ = open_page(
        new_page, base_url, lang, name, viewport=viewport, java_script_enabled=False
    )
    page, watcher = open_page(new_page, base_url, lang, name, viewport=viewport)
    tables = page.locator("article table").count()
    assert tables, f"{name} has no table: TABLE_PAGES should name pages with tables"
    expect(page.locator(".md-typeset__table > .md-typeset__scrollwrap table")).to_have_count(
        tables  # the theme wraps them again; if it stops, drop the rules from extra.css
    )
    boxes = plain.evaluate(TABLE_BOXES)
    assert None not in boxes, "a table came without the theme's wrappers"
    assert page.evaluate(TABLE_BOXES) == boxes
    watcher.check()


@pytest.mark.parametrize(
    ("lang", "name"),
    [(lang, name) for lang in sitehttp.LANGUAGES for name in ("index", ANNOTATED[0])],
)
def test_page_served_at_another_address_loads_cleanly(new_page, site_dir, lang, name):
    """A preview or a mirror serves the site elsewhere than its SITE_URL: still no console
    error and no request to SITE_URL (Material fetches sitemap.xml for each hreflang
    link: overrides/main.html sends that to where the page is served from)."""
    with sitehttp.serve(site_dir) as elsewhere:
        page, watcher = new_page(elsewhere)
        response = page.goto(urljoin(elsewhere, sitehttp.page_path(lang, name)))
        assert response.status == 200
        page.wait_for_load_state("networkidle")
        watcher.check()


@pytest.mark.parametrize(("lang", "name"), PAGES, ids=PAGE_IDS)
def test_copy_button_copies_the_snippet_file(new_page, base_url, lang, name):
    page, watcher = open_page(new_page, base_url, lang, name)
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    blocks = page.locator(".md-content .highlight:has(> .filename)")
    checked = 0
    for index in range(blocks.count()):
        block = blocks.nth(index)
        title = block.locator(".filename").inner_text().strip()
        expected = snippet_text(title)
        if expected is None:
            continue
        page.evaluate("navigator.clipboard.writeText('')")
        block.hover()  # scrolls it into view: the theme adds its buttons then
        block.locator("button[data-md-type=copy]").click()
        # overrides/main.html names what the theme added: no unnamed <nav> landmark.
        assert block.locator(".md-code__nav").get_attribute("role") == "none", title
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == expected, f"the copy button of {title} copied other text"
        # The link under the block downloads the same file from the site itself.
        link = page.locator(".mp-download a").nth(checked)
        assert link.inner_text().strip().endswith(title)
        href = urljoin(page.url, link.get_attribute("href"))
        assert urlsplit(href).netloc == urlsplit(base_url).netloc
        download = page.request.get(href)
        assert download.ok, f"{href}: HTTP {download.status}"
        assert download.text() == expected, f"{href} is not snippets/{title}"
        checked += 1
    assert page.locator(".mp-download a").count() == checked
    watcher.check()


@pytest.mark.parametrize(("lang", "name"), PAGES, ids=PAGE_IDS)
def test_language_switcher_lands_on_the_counterpart(new_page, base_url, lang, name):
    page, watcher = open_page(new_page, base_url, lang, name)
    other = OTHER[lang]
    # The head announces both languages and the default one with absolute URLs.
    alternates = dict(
        page.eval_on_selector_all(
            "link[rel=alternate][hreflang]", "ls => ls.map(l => [l.hreflang, l.href])"
        )
    )
    raw = page.eval_on_selector_all(
        "link[rel=alternate][hreflang]", "ls => ls.map(l => l.getAttribute('href'))"
    )
    assert all(re.match(r"https?://", href) for href in raw), raw
    assert set(alternates) == {"zh", "en", "x-default"}
    for code, target in (("zh", "zh"), ("en", "en"), ("x-default", "zh")):
        wanted = "/" + sitehttp.page_path(target, name)
        assert urlsplit(alternates[code]).path == wanted, f"hreflang={code}"
    # The switcher in the header, once the search has loaded what it needs (the theme's
    # script starts it after the first paint; leaving earlier would abort its requests).
    page.locator(".md-search-result__meta", has_text=SEARCH_READY[lang]).wait_for(state="attached")
    page.hover(".md-header .md-select")
    page.click(f".md-select__link[hreflang={other}]")
    page.wait_for_load_state("networkidle")
    assert page.url == urljoin(base_url, sitehttp.page_path(other, name))
    assert page.get_attribute("html", "lang") == other
    watcher.check()


@pytest.mark.parametrize(
    ("lang", "query", "expected"),
    [(lang, q, where) for lang, table in SEARCHES.items() for q, where in table.items()],
)
def test_search_finds_the_right_section(new_page, base_url, lang, query, expected):
    """The first result is the right page, with the right section among its matches;
    every result is in the page's language."""
    page, watcher = open_page(new_page, base_url, lang, "index")
    hrefs = search(page, lang, query).evaluate_all("ls => ls.map(l => l.href)")
    paths = [urlsplit(href).path for href in hrefs]
    assert all(path.startswith(f"/{lang}/") for path in paths), paths
    first = page.locator(".md-search-result__item").first.locator(".md-search-result__link")
    first_hrefs = [urlsplit(h) for h in first.evaluate_all("ls => ls.map(l => l.href)")]
    name, section = expected
    assert first_hrefs[0].path == "/" + sitehttp.page_path(lang, name), f"{query!r}: {hrefs}"
    assert section in [h.fragment for h in first_hrefs], f"{query!r}: {hrefs}"
    watcher.check()


@pytest.mark.parametrize(
    ("locale", "lang"), [("zh-CN", "zh"), ("en-US", "en"), ("fr-FR", "zh"), ("zh-TW", "zh")]
)
def test_root_sends_readers_to_their_language(new_page, base_url, locale, lang):
    page, watcher = new_page(base_url, locale=locale)
    watcher.may_abort.add(base_url)
    page.goto(base_url)
    page.wait_for_url(urljoin(base_url, f"{lang}/"))
    page.wait_for_load_state("networkidle")
    watcher.check()


@pytest.mark.parametrize(
    ("missing", "lang"),
    [("zh/no-such-page/", "zh"), ("en/no-such-page/", "en"), ("no-such-page", "zh")],
)
def test_missing_address_gets_the_404_in_its_language(new_page, base_url, missing, lang):
    page, watcher = new_page(base_url)
    url = urljoin(base_url, missing)
    watcher.expected_statuses[url] = 404
    response = page.goto(url)
    assert response.status == 404
    assert page.get_attribute("html", "lang") == lang
    first = page.locator("main section").first
    assert first.get_attribute("lang") == lang
    home = first.locator("a").get_attribute("href")
    assert urljoin(url, home) == urljoin(base_url, f"{lang}/")
    page.wait_for_load_state("networkidle")
    _assert_accessible(page, f"404 for {missing}")
    watcher.check()


@pytest.mark.parametrize("lang", sitehttp.LANGUAGES)
def test_each_language_has_its_own_404_page(new_page, base_url, lang):
    page, watcher = new_page(base_url)
    page.goto(urljoin(base_url, f"{lang}/404.html"))
    page.wait_for_load_state("networkidle")
    assert page.get_attribute("html", "lang") == lang
    assert page.locator("article h1").inner_text().startswith("404")
    assert page.locator("link[rel=alternate][hreflang]").count() == 0  # no counterpart
    other = page.locator(f".md-select__link[hreflang={OTHER[lang]}]").get_attribute("href")
    assert urljoin(page.url, other) == urljoin(base_url, f"{OTHER[lang]}/index.html")
    _assert_accessible(page, f"{lang}/404.html")
    watcher.check()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize(("lang", "name"), PAGES, ids=PAGE_IDS)
def test_axe_finds_no_violation(new_page, base_url, lang, name, scheme):
    page, watcher = open_page(new_page, base_url, lang, name, color_scheme=scheme)
    expected = "slate" if scheme == "dark" else "default"
    assert page.get_attribute("body", "data-md-color-scheme") == expected
    # The theme adds a code block's buttons and annotations when it first scrolls into
    # view (content.lazy): show every block once, so that axe sees them all.
    page.evaluate("""async () => {
        for (const code of document.querySelectorAll('.md-content pre > code')) {
            code.scrollIntoView({block: 'center'});
            await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
        }
        scrollTo(0, 0);
    }""")
    _assert_accessible(page, f"{lang}/{name} ({scheme})")
    if name == "index":  # and the search dialog, open, with results
        search(page, lang, next(iter(SEARCHES[lang])))
        _assert_accessible(page, f"{lang}/{name} ({scheme}) with the search open")
    watcher.check()


PALETTE = """() => ({
    scheme: document.body.getAttribute("data-md-color-scheme"),
    accent: document.body.getAttribute("data-md-color-accent"),
    toggle: [...document.querySelectorAll("[data-mp-palette] label")]
        .filter(label => !label.hidden).map(label => label.getAttribute("for")),
    themeColor: document.querySelector("meta[name=theme-color]")?.content,
    colorScheme: document.querySelector("meta[name=color-scheme]")?.content,
    header: getComputedStyle(document.querySelector("header")).backgroundColor,
})"""


def _hex(rgb):
    return "#" + "".join(f"{int(c):02x}" for c in re.findall(r"\d+", rgb)[:3])


@pytest.mark.parametrize("lang", sitehttp.LANGUAGES)
def test_palette_toggle_switches_the_scheme_and_remembers_it(new_page, base_url, lang):
    """docs/overrides/partials/javascripts/palette.html: the system's scheme first, then
    the reader's choice, by mouse or by Enter, kept from page to page (Material's key)."""
    page, watcher = new_page(base_url, color_scheme="dark")
    # What the first paint shows: the theme's script loads only after it (reader.py).
    page.add_init_script(
        "document.addEventListener('DOMContentLoaded', () => window.firstScheme ="
        " document.body.getAttribute('data-md-color-scheme'))"
    )
    page.goto(urljoin(base_url, sitehttp.page_path(lang, "index")))
    page.wait_for_load_state("networkidle")
    assert page.evaluate("window.firstScheme") == "slate"
    state = page.evaluate(PALETTE)
    assert state["scheme"] == "slate" and state["accent"] == "light-blue", state
    assert state["toggle"] == ["__palette_0"], state  # one button: "switch to light"
    assert state["colorScheme"] == "dark" and state["themeColor"] == _hex(state["header"])

    # No colour transitions while the scheme changes, until the next frame.
    assert page.evaluate("""() => {
        document.querySelector("label[for=__palette_0]").click();
        return document.body.hasAttribute("data-md-color-switching");
    }""")
    state = page.evaluate(PALETTE)
    assert state["scheme"] == "default" and state["accent"] == "indigo", state
    assert state["toggle"] == ["__palette_1"], state
    assert state["colorScheme"] == "light" and state["themeColor"] == _hex(state["header"])
    page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")

    # The choice outlives the system's preference, on the next page too.
    page.goto(urljoin(base_url, sitehttp.page_path(lang, SCREENSHOT_ARTICLE)))
    assert page.evaluate(PALETTE)["scheme"] == "default"

    page.focus("#__palette_0")  # the checked option; Enter moves to the next one
    page.keyboard.press("Enter")
    assert page.evaluate(PALETTE)["scheme"] == "slate"
    assert page.evaluate("__md_get('__palette').index") == 1
    watcher.check()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", ["index", SCREENSHOT_ARTICLE])
@pytest.mark.parametrize("lang", sitehttp.LANGUAGES)
def test_axe_finds_no_violation_on_a_phone(new_page, base_url, lang, name, scheme):
    """The narrow layout: the header's menu and search buttons show, the search covers
    the page."""
    phone = {"width": 390, "height": 844}
    page, watcher = open_page(
        new_page, base_url, lang, name, color_scheme=scheme, viewport=phone, is_mobile=True
    )
    _assert_accessible(page, f"{lang}/{name} ({scheme}, phone)")
    page.click("label.md-header__button[for=__search]")
    page.locator("input.md-search__input").wait_for()
    _assert_accessible(page, f"{lang}/{name} ({scheme}, phone) with the search open")
    watcher.check()


def test_every_page_has_its_own_description(site_dir):
    seen = {}
    for lang, name in PAGES:
        html = (site_dir / sitehttp.page_path(lang, name)).read_text("utf-8")
        found = re.findall(r'<meta name="description" content="([^"]*)"', html)
        assert len(found) == 1 and found[0].strip(), f"{lang}/{name}: no description"
        assert found[0] not in seen, f"{lang}/{name} has the description of {seen[found[0]]}"
        seen[found[0]] = f"{lang}/{name}"


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("lang", sitehttp.LANGUAGES)
def test_screenshots(new_page, base_url, lang, scheme):
    """Home, an article and a figure, in each language and scheme, written to
    tests/artifacts/screenshots/."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)
    for name in ("index", SCREENSHOT_ARTICLE):
        page, watcher = open_page(new_page, base_url, lang, name, color_scheme=scheme)
        page.screenshot(path=folder / f"{lang}-{name}-{scheme}.png")
        watcher.check()
    # A figure: the timeline pictures follow the page's colour scheme.
    page, watcher = open_page(new_page, base_url, lang, SCREENSHOT_FIGURE, color_scheme=scheme)
    figures = page.locator("article img")
    if figures.count():
        figures.first.screenshot(path=folder / f"{lang}-figure-{scheme}.png")
    watcher.check()


def _assert_accessible(page, what):
    from axe_playwright_python.sync_playwright import Axe

    # axe measures colours as they are drawn: let fades (the search opening) finish first.
    page.wait_for_function("document.getAnimations().every(a => a.playState !== 'running')")
    results = Axe().run(page)
    assert results.violations_count == 0, f"axe on {what}:\n{results.generate_report()}"
