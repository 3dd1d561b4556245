"""What the browser tests and weight.py share: the pages, Chromium, and a server that
serves a built site/ on 127.0.0.1 the way GitHub Pages does (a missing address gets
site/404.html with status 404, directories are not listed)."""

from __future__ import annotations

import contextlib
import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urljoin

ROOT = Path(__file__).parents[2]
LANGUAGES = ("zh", "en")
CHROMIUM = "/usr/bin/chromium"  # Debian's (apt-get install chromium fonts-noto-cjk)
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def page_names():
    """The pages' file names without .md; the same in both languages."""
    return sorted(p.stem for p in (ROOT / "docs" / "zh").glob("*.md"))


def page_path(language, name):
    """A page's address relative to the site's root (use_directory_urls: false)."""
    return f"{language}/{name}.html"


def built_site_url(site):
    """The SITE_URL the site was built with, read from its home page's canonical link."""
    html = (Path(site) / LANGUAGES[0] / "index.html").read_text(encoding="utf-8")
    match = re.search(r'<link rel="canonical" href="([^"]+)"', html)
    return urljoin(match[1], "..") if match else None


class _Handler(http.server.SimpleHTTPRequestHandler):
    def send_error(self, code, message=None, explain=None):
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            return super().send_error(code, message, explain)
        body = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def list_directory(self, path):
        self.send_error(404)  # no directory listings on GitHub Pages

    def log_message(self, format, *args):
        pass


@contextlib.contextmanager
def serve(site, port=0):
    """Serve `site` on 127.0.0.1 (a free port if 0); yields the root URL."""
    handler = functools.partial(_Handler, directory=str(site))
    with http.server.ThreadingHTTPServer(("127.0.0.1", port), handler) as server:
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_address[1]}/"
        finally:
            server.shutdown()
            thread.join()
