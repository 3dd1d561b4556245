"""What the browser tests, weight.py and lighthouse.py share: the pages, Chromium, and a
server that serves a built site/ on 127.0.0.1 the way GitHub Pages does: a missing address
gets site/404.html with status 404, directories are not listed, text files (HTML, CSS,
JavaScript, JSON, XML, SVG) are sent gzip-compressed to a browser that accepts it, over
HTTP/1.1 connections that stay open."""

from __future__ import annotations

import contextlib
import functools
import gzip
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


# What GitHub Pages compresses (by type); images other than SVG are compressed already.
COMPRESSED = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt", ".map", ".py"}


@functools.lru_cache(maxsize=512)
def _gzipped(path, mtime_ns):
    return gzip.compress(Path(path).read_bytes(), 6, mtime=0)


class _Handler(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"  # keep-alive, as a browser gets from Pages (HTTP/2 there)

    def do_GET(self):
        if not self._send_gzipped(body=True):
            super().do_GET()

    def do_HEAD(self):
        if not self._send_gzipped(body=False):
            super().do_HEAD()

    def _send_gzipped(self, body):
        """Send a text file gzip-compressed if the client accepts it; False otherwise (the
        plain handler then serves it, redirects a folder without its slash, or 404s)."""
        if "gzip" not in self.headers.get("Accept-Encoding", ""):
            return False
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].split("#")[0].endswith("/"):
            path = path / "index.html"
        if not path.is_file() or path.suffix not in COMPRESSED:
            return False
        data = _gzipped(str(path), path.stat().st_mtime_ns)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")  # what GitHub Pages sends
        self.end_headers()
        if body:
            self.wfile.write(data)
        return True

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
