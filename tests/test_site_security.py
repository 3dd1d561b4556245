"""The built site loads nothing from another host.

A page that pulls a script, stylesheet, font or image from a third party tells
that party who reads it, and breaks offline. Both languages (and the offline
variant, `OFFLINE=true`) are built afresh into a temporary folder (or, for the two
languages, read from the site `nox -s docs-test` has just built: --built-site), so the
test cannot pass on a stale site/, and scanned for what a browser would fetch:

- src/href of script, link, img, source, iframe, video, audio, embed, object,
  track, input and SVG image/use elements (link rels that are not fetched,
  such as canonical and alternate, are exempt); srcset; inline style;
- url(...) and @import in every stylesheet and <style>;
- URL string literals in every script (files and inline), each of which must
  be one the theme's bundle is known to hold, and whose condition for being
  fetched must not be met by any page (KNOWN_SCRIPT_URLS).
"""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import textwrap
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("zh", "en")
SITE_URL = "http://127.0.0.1:8000/"  # the hosts of site_url are the site's own
OWN_HOSTS = {urlsplit(SITE_URL).hostname}

LOADING_ATTRIBUTES = {
    "script": ("src",),
    "link": ("href",),
    "img": ("src", "srcset"),
    "source": ("src", "srcset"),
    "iframe": ("src",),
    "frame": ("src",),
    "video": ("src", "poster"),
    "audio": ("src",),
    "embed": ("src",),
    "object": ("data",),
    "track": ("src",),
    "input": ("src",),
    "image": ("href", "xlink:href"),
    "use": ("href", "xlink:href"),
}
# <link rel=...> values that name a page rather than load something.
NOT_FETCHED_RELS = {"canonical", "alternate", "prev", "next", "author", "license", "help", "me"}


def _no_repository_link(pages: dict[str, str]) -> list[str]:
    return [name for name, text in pages.items() if 'data-md-component="source"' in text]


def _no_mermaid_diagram(pages: dict[str, str]) -> list[str]:
    has_class = re.compile(r"""class=["'][^"']*\bmermaid\b""")
    return [name for name, text in pages.items() if has_class.search(text)]


# URL literals in Material's JavaScript, what makes the browser fetch them, and a
# function that returns the pages on which that happens (none allowed). A URL
# not listed here fails the test: read the bundle around it, then add it.
KNOWN_SCRIPT_URLS = {
    "https://api.github.com/": (
        "repository statistics, fetched on every page that shows a repository "
        "link (repo_url in mkdocs.yml)",
        _no_repository_link,
    ),
    "https://${": (
        "GitLab repository statistics (the host is repo_url's), as above",
        _no_repository_link,
    ),
    "https://unpkg.com/mermaid@": (
        "the Mermaid library, loaded on a page with a Mermaid diagram unless the "
        "site provides its own",
        _no_mermaid_diagram,
    ),
    "https://unpkg.com/resize-observer-polyfill": (
        "loaded only by browsers without ResizeObserver (none released since 2020)",
        lambda pages: [],
    ),
}

_SCRIPT_URL = re.compile(r"""["'`]((?:https?:)?//[A-Za-z0-9$][^"'`\s]*)""")
_HOST = re.compile(r"^(?:https?:)?//(?:\$\{|[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)")
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.S)
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]*))\s*\)""", re.I)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.I)


def is_external(url: str) -> bool:
    """Would fetching `url` from a page of this site contact another host?"""
    url = url.strip()
    if not url or url.startswith(("#", "data:", "blob:", "about:", "mailto:")):
        return False
    parts = urlsplit(url)
    if parts.scheme and parts.scheme not in ("http", "https"):
        return True  # ftp:, javascript: ...: nothing to load from a docs page
    if parts.netloc:
        return parts.hostname not in OWN_HOSTS
    return False


def css_problems(css: str, where: str) -> list[str]:
    css = _CSS_COMMENT.sub("", css)
    urls = [next(filter(None, m.groups()), "") for m in _CSS_URL.finditer(css)]
    urls += _CSS_IMPORT.findall(css)
    return [f"{where}: stylesheet loads {url}" for url in urls if is_external(url)]


def script_problems(js: str, where: str, pages: dict[str, str]) -> list[str]:
    problems = []
    for url in {m.group(1) for m in _SCRIPT_URL.finditer(js) if _HOST.match(m.group(1))}:
        known = [prefix for prefix in KNOWN_SCRIPT_URLS if url.startswith(prefix)]
        if not known:
            if is_external(url):
                problems.append(
                    f"{where}: script refers to {url}; find out when it is fetched "
                    "and, if never on this site, add it to KNOWN_SCRIPT_URLS in "
                    "tests/test_site_security.py with that condition"
                )
            continue
        why, triggered_on = KNOWN_SCRIPT_URLS[known[0]]
        problems += [f"{page}: fetches {url} ({why})" for page in triggered_on(pages)]
    return problems


class _Page(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.loads: list[str] = []  # "tag attribute=url"
        self.styles: list[str] = []
        self.scripts: list[str] = []
        self._in = None

    def handle_starttag(self, tag, attrs):
        attrs = {k: v or "" for k, v in attrs}
        rels = set(attrs.get("rel", "").lower().split())
        for name in LOADING_ATTRIBUTES.get(tag, ()):
            if name not in attrs or (tag == "link" and rels and rels <= NOT_FETCHED_RELS):
                continue
            values = attrs[name].split(",") if name == "srcset" else [attrs[name]]
            for value in values:
                url = value.strip().split(" ")[0]
                self.loads.append((f"<{tag} {name}>", url))
        if "style" in attrs:
            self.styles.append(attrs["style"])
        if tag in ("style", "script"):
            self._in = tag

    def handle_endtag(self, tag):
        self._in = None

    def handle_data(self, data):
        if self._in == "style":
            self.styles.append(data)
        elif self._in == "script":
            self.scripts.append(data)


def site_problems(site: Path) -> list[str]:
    """Everything in the built site that would make a browser contact another host."""
    pages = {
        path.relative_to(site).as_posix(): path.read_text(encoding="utf-8")
        for path in sorted(site.rglob("*.html"))
    }
    problems = []
    for name, text in pages.items():
        parsed = _Page()
        parsed.feed(text)
        problems += [f"{name}: {how} {url}" for how, url in parsed.loads if is_external(url)]
        for css in parsed.styles:
            problems += css_problems(css, f"{name} (inline style)")
        for js in parsed.scripts:
            problems += script_problems(js, f"{name} (inline script)", pages)
    for path in sorted(site.rglob("*.css")):
        problems += css_problems(
            path.read_text(encoding="utf-8"), path.relative_to(site).as_posix()
        )
    for path in sorted(site.rglob("*.js")):
        if path.name.startswith("search_index"):
            continue  # the pages' text (the offline build's index), not code
        where = path.relative_to(site).as_posix()
        problems += script_problems(path.read_text(encoding="utf-8"), where, pages)
    return sorted(set(problems))


def build(config: Path, site_dir: Path, *, cwd: Path = ROOT, offline: bool = False):
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": SITE_URL}
    env["OFFLINE"] = "true" if offline else "false"
    return subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "-d", str(site_dir)],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )


def wait(builds) -> None:
    for proc in builds:
        out, _ = proc.communicate(timeout=300)
        assert proc.returncode == 0, f"mkdocs build failed:\n{out.decode(errors='replace')}"


def built_site(config) -> Path | None:
    """The site `nox -s docs-test` has just built (it passes --built-site), if it was built
    for SITE_URL; None otherwise: the caller builds its own (never a stale site/)."""
    given = config.getoption("--built-site", None)
    if not given:
        return None
    home = Path(given) / LANGUAGES[0] / "index.html"
    canonical = f'<link rel="canonical" href="{SITE_URL}{LANGUAGES[0]}/'
    if home.is_file() and canonical in home.read_text(encoding="utf-8"):
        return Path(given)
    return None


def test_site_loads_nothing_from_other_hosts(fresh_site):
    assert (fresh_site / "index.html").exists(), "the root page was not written"
    for language in LANGUAGES:
        assert (fresh_site / language / "index.html").exists()
    problems = site_problems(fresh_site)
    assert not problems, "The site would contact other hosts:\n" + "\n".join(problems)


# What the offline variant adds to the pages (its plugin, the theme's assets) comes from
# the configuration, the templates and hooks, and the installed packages (always part of a
# reuse key); what the pages themselves load is checked above, on every run.
@pytest.mark.reuse(files=["mkdocs.yml", "docs/mkdocs.en.yml", "docs/overrides", "docs/hooks"])
def test_offline_site_loads_nothing_from_other_hosts(tmp_path):
    offline = tmp_path / "offline"
    wait([build(ROOT / "docs/mkdocs.en.yml", offline / "en", offline=True)])
    problems = site_problems(offline)
    assert not problems, "The offline site would contact other hosts:\n" + "\n".join(problems)


# --- the scan fails when it should --------------------------------------------

INSECURE_CONFIG = """\
site_name: Insecure on purpose
site_url: https://docs.example.org/
repo_url: https://github.com/example/example  # GitHub API calls on every page
docs_dir: docs
theme:
  name: material  # the default font: Google Fonts
extra_css:
  - https://unpkg.com/some-theme@1/theme.css
extra_javascript:
  - https://cdn.jsdelivr.net/npm/katex@0.16/dist/katex.min.js
markdown_extensions:
  - md_in_html
"""

INSECURE_PAGE = """\
# Insecure on purpose

<div class="mermaid">graph LR; A --> B</div>

<img src="https://images.example.com/diagram.png" alt="a diagram">

<iframe src="//www.youtube.com/embed/xyz"></iframe>

<div style="background: url('https://cdn.example.net/bg.png')"></div>
"""


@pytest.mark.reuse  # depends on this module and the installed theme only (result_cache.py)
def test_scan_catches_a_site_that_loads_from_other_hosts(tmp_path):
    """Made to fail on purpose: an insecure Material site built for real."""
    (tmp_path / "docs").mkdir()
    (tmp_path / "mkdocs.yml").write_text(INSECURE_CONFIG)
    (tmp_path / "docs" / "index.md").write_text(INSECURE_PAGE)
    (tmp_path / "docs" / "extra.css").write_text(
        '@import url("https://fonts.googleapis.com/css2?family=Inter");\n'
        "body { background: url(/local.png) }\n"
    )
    wait([build(tmp_path / "mkdocs.yml", tmp_path / "site", cwd=tmp_path)])
    problems = "\n".join(site_problems(tmp_path / "site"))
    for expected in [
        "index.html: <link href> https://fonts.googleapis.com/css",  # theme font
        "index.html: <link href> https://fonts.gstatic.com",  # its preconnect
        "index.html: <link href> https://unpkg.com/some-theme@1/theme.css",
        "index.html: <script src> https://cdn.jsdelivr.net/npm/katex",
        "index.html: <img src> https://images.example.com/diagram.png",
        "index.html: <iframe src> //www.youtube.com/embed/xyz",
        "index.html (inline style): stylesheet loads https://cdn.example.net/bg.png",
        "index.html: fetches https://api.github.com/repos/${e}/${t} (repository",
        "index.html: fetches https://unpkg.com/mermaid@11/dist/mermaid.min.js",
        "extra.css: stylesheet loads https://fonts.googleapis.com/css2?family=Inter",
    ]:
        assert expected in problems, f"the scan missed {expected!r}; it found:\n{problems}"
    assert "/local.png" not in problems


@dataclasses.dataclass
class _Case:
    text: str
    found: bool


@pytest.mark.parametrize(
    "case",
    [
        _Case('<script src="https://unpkg.com/x.js"></script>', True),
        _Case('<link rel="preload" href="//fonts.gstatic.com/f.woff2" as="font">', True),
        _Case('<link rel="canonical" href="https://elsewhere.org/page/">', False),
        _Case('<link rel="stylesheet" href="assets/main.css">', False),
        _Case('<img srcset="a.png 1x, https://img.example.com/b.png 2x">', True),
        _Case('<picture><source srcset="https://img.example.com/b.webp"></picture>', True),
        _Case('<img src="data:image/png;base64,AAAA">', False),
        _Case('<a href="https://docs.python.org/3/">a link is not a load</a>', False),
        _Case('<script>fetch("https://api.example.com/stats")</script>', True),
        _Case("<style>@import 'https://fonts.googleapis.com/css';</style>", True),
        _Case('<img src="http://127.0.0.1:8000/en/logo.png">', False),
    ],
    ids=lambda case: case.text[:40],
)
def test_scan_of_crafted_pages(tmp_path, case):
    (tmp_path / "page.html").write_text(textwrap.dedent(case.text))
    assert bool(site_problems(tmp_path)) == case.found, site_problems(tmp_path)


def test_scan_of_a_stylesheet_with_svg_data_urls(tmp_path):
    svg = "url(\"data:image/svg+xml;charset=utf-8,<svg xmlns='http://www.w3.org/2000/svg'/>\")"
    (tmp_path / "a.css").write_text(f"/* https://fontawesome.com */ .x{{mask-image:{svg}}}")
    assert site_problems(tmp_path) == []
    (tmp_path / "a.css").write_text(".x{src:url(https://fonts.gstatic.com/s/a.woff2)}")
    assert site_problems(tmp_path) == [
        "a.css: stylesheet loads https://fonts.gstatic.com/s/a.woff2"
    ]
