"""Build, serve and check the site. nox is the only prerequisite: `pip install nox`.

nox -s serve        build both languages and serve them at http://127.0.0.1:8000
nox -s docs-test    lint, strict build of both languages, the whole test suite
nox -s record       re-record snippet outputs: nox -s record -- NAME [NAME ...]
nox -s docs         build site/ for publishing
nox -s lint         ruff over snippets/ and tests/
nox -s matrix       the snippet tests on CPython 3.10-3.13 (fork, spawn, forkserver each)
nox -s soak         the snippet suite N times under load: nox -s soak -- --repeat 20 --load 2
nox -s bench        wall time of the suite, its slowest snippets, build time per language
nox -s claims       the speed claims of performance.md, measured on an idle machine
nox -s browser      the built site in Chromium: pages, search, switcher, copy, 404s, axe, offline
nox -s weight       bytes a first visit to each page loads, build time per language
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import nox

ROOT = Path(__file__).parent
PYPROJECT = nox.project.load_toml("pyproject.toml")
LANGUAGES = ("zh", "en")  # zh first: it is the default language and writes the root page
LINTED = ("snippets", "tests", "noxfile.py", "docs/hooks")

nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["docs-test"]
nox.needs_version = ">=2025.2.9"
# A missing interpreter fails the matrix in CI and is reported and skipped elsewhere.
nox.options.error_on_missing_interpreters = os.environ.get("CI", "").lower() in {"1", "true"}

MATRIX_PYTHONS = ["3.10", "3.11", "3.12", "3.13"]
# The snippet suite the matrix runs: every snippet as a script, plus the tests
# that check one snippet's claim more closely (each where it exists).
SNIPPET_TESTS = [
    "tests/test_snippets.py",
    "tests/test_parallel_timing.py",
    "tests/test_echo_server.py",
]


def _pyenv_version() -> str | None:
    """pyenv's python3.X shims resolve only for the versions PYENV_VERSION lists: keep the
    current ones first, then add the newest installed patch release of each matrix version.
    (Started through pyenv's python3 shim, nox already sees PYENV_VERSION=<that version>.)"""
    pyenv = shutil.which("pyenv")
    if not pyenv:
        return None
    run = functools.partial(subprocess.run, capture_output=True, text=True, check=False)
    current = os.environ.get("PYENV_VERSION") or run([pyenv, "version-name"]).stdout
    chosen = current.strip().split(":")
    newest: dict[str, tuple[int, str]] = {}
    for name in run([pyenv, "versions", "--bare"]).stdout.split():
        if (m := re.fullmatch(r"(3\.\d+)\.(\d+)", name)) and m[1] in MATRIX_PYTHONS:
            newest[m[1]] = max(newest.get(m[1], (-1, "")), (int(m[2]), name))
    chosen += [name for _, name in newest.values() if name not in chosen]
    return ":".join(v for v in chosen if v)


if pyenv_version := _pyenv_version():
    os.environ["PYENV_VERSION"] = pyenv_version


def install(session, *groups):
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


def build(session, *extra, site=ROOT / "site", env=None):
    """Build every language into SITE/<lang>/ (and the root pages into SITE/); env adds
    SITE_URL or OFFLINE=true. Returns each language's build time in seconds."""
    shutil.rmtree(site, ignore_errors=True)
    env = {"NO_MKDOCS_2_WARNING": "1", **(env or {})}
    seconds = {}
    for language in LANGUAGES:
        start = time.perf_counter()
        session.run(
            "mkdocs", "build", "--strict", "-f", f"docs/mkdocs.{language}.yml",
            "-d", str(site / language), *extra, env=env,
        )  # fmt: skip
        seconds[language] = time.perf_counter() - start
    return seconds


@nox.session(name="docs-test")
def docs_test(session):
    """Everything CI checks: lint, strict build of both languages, all tests."""
    install(session, "lint", "docs", "test")
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)
    build(session)
    # Snippets mostly wait (sleeps, interpreter start-up), so more workers than cores pays off:
    # 36 s -> 25 s on two cores; `nox -s soak -- --workers 4 --load 1` passes with 4.
    workers = str(max(4, os.cpu_count() or 1))
    session.run("pytest", "-n", workers, *session.posargs)


@nox.session
def lint(session):
    """ruff over the snippets and the tests (readers copy snippets: keep them clean)."""
    install(session, "lint")
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)


@nox.session
def docs(session):
    """Build site/ for publishing; `nox -s docs -- --offline` builds it to be opened from
    file:// instead (search and the language switcher work without a server)."""
    install(session, "docs")
    build(session, env={"OFFLINE": "true"} if "--offline" in session.posargs else None)


@nox.session(default=False)
def serve(session):
    """Build both languages and serve them together at http://127.0.0.1:8000."""
    install(session, "docs")
    build(session)
    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    import sitehttp  # stdlib only: the Pages-like server of the browser tests

    with sitehttp.serve(ROOT / "site", port=8000) as url:
        session.log(f"Serving {url} as GitHub Pages would (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            threading.Event().wait()


@nox.session(default=False)
def record(session):
    """Re-record outputs from fresh runs: nox -s record -- [NAME ...] (all if none)."""
    install(session, "test")
    names = [arg for name in session.posargs for arg in ("--snippet", name)]
    # test_timelines.py runs second: it redraws the timeline pictures
    # (tests/timeline.py) from the outputs just recorded.
    session.run(
        "pytest", "tests/test_snippets.py", "tests/test_timelines.py",
        "--update-outputs", "-p", "no:xdist", *names,
    )  # fmt: skip


@nox.session(python=MATRIX_PYTHONS, download_python="never", default=False)
def matrix(session):
    """Every snippet under fork, spawn and forkserver, on each CPython of the matrix."""
    install(session, "test")
    tests = [name for name in SNIPPET_TESTS if (ROOT / name).exists()]
    session.run("pytest", "-n", "auto", *tests, *session.posargs)


@nox.session(default=False)
def soak(session):
    """The snippet suite again and again, beside CPU burners; each snippet's slowest run
    against its timeout: nox -s soak -- --repeat 20 --load 2 [-- PYTEST ARGS]."""
    install(session, "test")
    tests = [name for name in SNIPPET_TESTS if (ROOT / name).exists()]
    if "--" not in session.posargs:  # otherwise the caller chose what pytest runs
        tests.insert(0, "--")
    else:
        tests = []
    session.run("python", "tests/perf.py", "soak", *session.posargs, *tests)


@nox.session(default=False)
def claims(session):
    """The speed claims of performance.md (tests/claims.py): each performance snippet runs
    once with full settings, one at a time, and every claim is checked as a ratio of two
    figures of one run. Run it when nothing else competes for the CPU; it fails on fewer
    than two cores. `nox -s claims -- --record` also records the outputs and redraws the
    charts (only if every claim holds); `-- --recorded` checks the recorded outputs."""
    install(session, "test")
    session.run("python", "tests/claims.py", *session.posargs)


@nox.session(default=False)
def bench(session):
    """Wall time of the whole suite (pytest -n auto), its slowest snippets, build time per
    language: nox -s bench [-- PYTEST ARGS]."""
    install(session, "docs", "test")
    session.run("python", "tests/perf.py", "bench", *session.posargs)


CHROMIUM = "/usr/bin/chromium"  # Debian's; Playwright downloads no browser here
BROWSER_SITE = ROOT / "tests" / "artifacts" / "site"  # built for a local port, not published


def _need_chromium(session):
    if not Path(CHROMIUM).is_file():
        session.error(f"{CHROMIUM} is missing: apt-get install chromium fonts-noto-cjk")


def _local_site_url():
    """http://127.0.0.1:PORT/ for a free PORT: the site's hreflang links are absolute, so
    the tests serve it where it was built to be."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/"


@nox.session(default=False)
def browser(session):
    """The built site in Chromium (Playwright): every page in both languages loads cleanly,
    code blocks, copy buttons, language switcher, search, root page, 404s, axe-core in both
    colour schemes, and the offline build from file://. Screenshots go to
    tests/artifacts/screenshots/. Needs apt-get install chromium fonts-noto-cjk."""
    _need_chromium(session)
    install(session, "docs", "test", "browser")
    build(session, site=BROWSER_SITE, env={"SITE_URL": _local_site_url()})
    offline = BROWSER_SITE.with_name("site-offline")
    build(session, site=offline, env={"OFFLINE": "true"})
    session.run(
        "pytest", "tests/browser", "--site", str(BROWSER_SITE), "--offline-site", str(offline),
        *session.posargs,
    )  # fmt: skip


@nox.session(default=False)
def weight(session):
    """A benchmark, not a test: the bytes a first visit to each page loads in Chromium
    (HTML, CSS, JS, search index, images), and each language's build time."""
    _need_chromium(session)
    install(session, "docs", "browser")
    seconds = build(session, site=BROWSER_SITE, env={"SITE_URL": _local_site_url()})
    times = [f"{language}={seconds[language]:.2f}" for language in LANGUAGES]
    session.run("python", "tests/browser/weight.py", str(BROWSER_SITE), *times)
