"""MkDocs hook for what a reader gets from every page, in both languages.

- Every snippet file (snippets/*.py) is published with the site, at
  <lang>/snippets/NAME.py, and every code block titled with a snippet's file
  name gets a small link under it to download that file; when the block shows
  the whole file, its copy button copies the file's exact text. A snippet with
  code annotations (`# (1)!` comments) keeps its annotation list, the ordered
  list right after the block, next to it: the link goes after that list, since
  Material only reads a list that directly follows the block.
- A page without a `description:` in its front matter gets one from its first
  paragraph, so that every page has its own <meta name="description">.
- The theme's script (Material's bundle) loads after the page's first paint
  instead of before it: on a long page, running it first delayed the first
  paint of the text by the whole of its work (Lighthouse's largest contentful
  paint). Once it has run, it is handed the parsed document in a task of its
  own (as the DOMContentLoaded it waits for has passed); then the event
  `mp:theme-ready`.
- Some of what the theme's script changes when it starts, each change
  restyling most of the page, is in the HTML already: tables come wrapped in
  the theme's scrolling <div>s (and main.html gives <html> the class of its
  focus-visible polyfill). Code blocks lose the <span>s that Pygments puts
  around names and spaces: names get the code's own colour, spaces none.
- The offline build (the `offline` plugin) gets its iframe-worker polyfill,
  which runs the search worker from file://, from this site
  (overrides/assets/javascripts/iframe-worker.js) instead of unpkg.com.
- Placeholders in a page's Markdown become text in the page's language:
  %VERIFIED_PYTHONS% is the list of CPython releases the site is verified on,
  read from the one place that names them, pyproject.toml [tool.mpdocs]
  pythons ("3.11.7, ... and 3.15.2" / "3.11.7、... 和 3.15.2"). An unknown
  placeholder fails the build; tests/test_verified_pythons.py checks that no
  page types a release number itself and that no placeholder reaches the site.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser
from pathlib import Path

import tomllib
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File
from mkdocs.utils import get_relative_url

SNIPPETS = Path(__file__).parents[2] / "snippets"
PYPROJECT = Path(__file__).parents[2] / "pyproject.toml"
PUBLISHED = "snippets"  # folder of the snippet files in each language's site

DOWNLOAD = {"zh": "下载 {name}", "en": "Download {name}"}

# A code block whose title is a file name, as pymdownx.highlight renders it:
# the block ends at the first "</pre></div>", since the code inside is escaped.
TITLED_BLOCK = re.compile(
    r'(?P<block><div class="language-[\w-]+ highlight">'
    r'<span class="filename">(?P<name>[^<]+)</span>.*?</pre></div>)'
    r"(?P<list>\s*<ol>(?:(?!<ol[ >]).)*?</ol>)?",  # a list right after it (not nested)
    re.DOTALL,
)
# A code annotation marker in a snippet: a comment "# (1)!" (Material shows (1) as a
# button that opens item 1 of the list after the block).
ANNOTATION = re.compile(r"#\s*\((\d+)\)!?\s*$", re.MULTILINE)  # group 1: N

# Search engines show about this many characters of a description.
DESCRIPTION_LENGTH = {"zh": 80, "en": 160}

IFRAME_WORKER = "assets/javascripts/iframe-worker.js"

# The theme's own <script> at the end of <body> (Material 9: one bundle).
THEME_SCRIPT = re.compile(
    r'<script src="(?P<src>[^"]*assets/javascripts/bundle\.[0-9a-f]+\.min\.js)"></script>'
)
# After DOMContentLoaded (which fills Material's document$ when its script is already
# there) and the next frame, load the bundle, then give document$ the document: the
# bundle's evaluation and the mounting of the page are then two tasks, not one long one.
THEME_LOADER = """<script>
  document.addEventListener("DOMContentLoaded", function () {
    requestAnimationFrame(function () {
      setTimeout(function () {
        var script = document.createElement("script");
        script.src = "%s";
        script.onload = function () {  // a task of its own: long tasks block input
          setTimeout(function () {
            document$.next(document);
            document.dispatchEvent(new Event("mp:theme-ready"));
          });
        };
        document.body.appendChild(script);
      });
    });
  });
</script>"""

# Material's script wraps every table without a class in these two <div>s when it starts
# (components/content/table). There, after the first paint, inserting them restyled the
# article (2,766 elements on zh/shared-state, 100-200 ms at 4x CPU); here it costs
# nothing. The script still wraps each table again, inside them: extra.css flattens that.
# A table with a table inside is left to the script.
TABLE = re.compile(r"<table>(?:(?!<table[ >]).)*?</table>", re.DOTALL)
TABLE_WRAPPERS = '<div class="md-typeset__scrollwrap"><div class="md-typeset__table">{}</div></div>'
# Pygments wraps every name (class "n") and run of whitespace ("w") in a <span>. The theme
# gives names the code's own colour and whitespace none (tests/test_pages.py checks), so
# these spans show nothing: they were a fifth of the code-heavy pages' elements. (Inline
# code highlighted with #!python inside a link would show its names in the link's colour;
# the site has none.)
PLAIN_TOKEN = re.compile(r'<span class="[nw]">([^<]*)</span>')

# %NAME%: a word in capitals between percent signs, as in docs/root/'s %SITE_URL%.
PLACEHOLDER = re.compile(r"%([A-Z][A-Z0-9_]*)%")


def verified_pythons(language: str) -> str:
    """The releases of pyproject.toml [tool.mpdocs] pythons, as a list in prose."""
    with PYPROJECT.open("rb") as f:
        *rest, last = tomllib.load(f)["tool"]["mpdocs"]["pythons"]
    if language == "zh":
        return f"{'、'.join(rest)} 和 {last}"
    return f"{', '.join(rest)} and {last}"


PLACEHOLDERS = {"VERIFIED_PYTHONS": verified_pythons}


@event_priority(100)  # before the offline plugin, which adds unpkg's copy if none is there
def on_config(config):
    offline = config.plugins.get("material/offline")
    if offline and offline.config.enabled:
        config.extra["polyfills"] = [*config.extra.get("polyfills", []), IFRAME_WORKER]
    return config


def on_files(files, config):
    for path in sorted(SNIPPETS.glob("*.py")):
        files.append(File.generated(config, f"{PUBLISHED}/{path.name}", abs_src_path=str(path)))
    return files


def on_page_markdown(markdown, page, config, files):
    language = config.theme["language"]

    def fill(match):
        if match[1] not in PLACEHOLDERS:
            raise PluginError(
                f"{page.file.src_uri}: unknown placeholder %{match[1]}%; the known ones "
                f"are {', '.join(f'%{name}%' for name in PLACEHOLDERS)} (docs/hooks/reader.py)"
            )
        return PLACEHOLDERS[match[1]](language)

    return PLACEHOLDER.sub(fill, markdown)


def on_page_content(html_text, page, config, files):
    html_text = _snippet_blocks(html_text, page, config)
    html_text = TABLE.sub(lambda m: TABLE_WRAPPERS.format(m[0]), html_text)
    html_text = PLAIN_TOKEN.sub(r"\1", html_text)
    if not page.meta.get("description"):
        limit = DESCRIPTION_LENGTH[config.theme["language"]]
        description = _first_paragraph(html_text, limit)
        if description:  # the theme writes it into an attribute as it is
            page.meta["description"] = html.escape(description)
    return html_text


def _snippet_blocks(html_text, page, config):
    label = DOWNLOAD[config.theme["language"]]

    def rewrite(match):
        name = html.unescape(match["name"]).strip()
        if "/" in name or not (SNIPPETS / name).is_file():
            return match[0]
        block = match["block"]
        # The copy button copies the block's data-copy attribute where there is one:
        # the file's exact text, final newline included, when the block shows it all.
        text = (SNIPPETS / name).read_text(encoding="utf-8")
        shown = html.unescape(re.sub(r"<[^>]*>", "", block[block.index("<code") :]))
        if shown.rstrip("\n") == text.rstrip("\n"):
            block = block.replace(
                ' highlight">', f' highlight" data-copy="{html.escape(text)}">', 1
            )
        href = get_relative_url(f"{PUBLISHED}/{name}", page.url)
        link = (
            f'<p class="mp-download"><a href="{html.escape(href)}" download>'
            f"{html.escape(label.format(name=name))}</a></p>"
        )
        if match["list"] and ANNOTATION.search(text):  # the block's annotations
            return f"{block}{match['list']}\n{link}"
        return f"{block}\n{link}{match['list'] or ''}"

    return TITLED_BLOCK.sub(rewrite, html_text)


def on_post_page(output, page, config):
    return _load_theme_after_paint(output, page.file.src_uri)


def on_post_template(output_content, template_name, config):
    if template_name.endswith(".html"):  # the theme's 404.html
        return _load_theme_after_paint(output_content, template_name)
    return output_content


def _load_theme_after_paint(html_text, where):
    found = THEME_SCRIPT.findall(html_text)
    if len(found) != 1:
        raise PluginError(
            f"{where}: expected the theme's script bundle.*.min.js once at the end of the "
            f"page, found {len(found)}: docs/hooks/reader.py no longer matches the theme"
        )
    return THEME_SCRIPT.sub(lambda m: THEME_LOADER % m["src"], html_text)


class _FirstParagraph(HTMLParser):
    """Text of the first <p> that is not inside a box, table, list, ..."""

    CONTAINERS = frozenset(("div", "details", "table", "ul", "ol", "dl", "blockquote"))

    def __init__(self):
        super().__init__()
        self.depth = 0  # open containers
        self.inside = False
        self.parts: list[str] = []
        self.done = False

    def handle_starttag(self, tag, attrs):
        if tag in self.CONTAINERS:
            self.depth += 1
        elif tag == "p" and not self.depth and not self.done:
            self.inside = True

    def handle_endtag(self, tag):
        if tag in self.CONTAINERS:
            self.depth -= 1
        elif tag == "p" and self.inside:
            self.inside = False
            self.done = bool("".join(self.parts).strip())

    def handle_data(self, data):
        if self.inside and not self.done:
            self.parts.append(data)


def _first_paragraph(html_text, limit):
    parser = _FirstParagraph()
    parser.feed(html_text)
    text = " ".join("".join(parser.parts).split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    # End at a sentence, else at a clause or a word, where there is one.
    for marks, ellipsis in (("。", ". "), ""), (("，", "；", ", ", " "), "…"):
        end = max(cut.rfind(mark) for mark in marks)
        if end > limit // 2:
            return cut[: end + 1].rstrip(" ，；,") + ellipsis
    return cut + "…"
