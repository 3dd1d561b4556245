"""Build, serve and check the site. nox is the only prerequisite: `pip install nox`.

nox -s serve        build both languages and serve them at http://127.0.0.1:8000
nox -s docs-test    lint, strict build of both languages, the whole test suite
nox -s record       re-record snippet outputs: nox -s record -- NAME [NAME ...]
nox -s docs         build site/ for publishing
nox -s lint         ruff over snippets/ and tests/
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import shutil
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


def install(session, *groups):
    for group in groups:
        session.install(*nox.project.dependency_groups(PYPROJECT, group))


def build(session, *extra):
    """Build every language into site/<lang>/ (and the root page into site/)."""
    shutil.rmtree(ROOT / "site", ignore_errors=True)
    env = {"NO_MKDOCS_2_WARNING": "1"}
    for language in LANGUAGES:
        session.run(
            "mkdocs", "build", "--strict", "-f", f"docs/mkdocs.{language}.yml",
            *extra, env=env,
        )  # fmt: skip


@nox.session(name="docs-test")
def docs_test(session):
    """Everything CI checks: lint, strict build of both languages, all tests."""
    install(session, "lint", "docs", "test")
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)
    build(session)
    session.run("pytest", "-n", "auto", *session.posargs)


@nox.session
def lint(session):
    """ruff over the snippets and the tests (readers copy snippets: keep them clean)."""
    install(session, "lint")
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)


@nox.session
def docs(session):
    """Build site/ for publishing."""
    install(session, "docs")
    build(session)


@nox.session(default=False)
def serve(session):
    """Build both languages and serve them together at http://127.0.0.1:8000."""
    install(session, "docs")
    build(session)
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(ROOT / "site"))
    with http.server.ThreadingHTTPServer(("127.0.0.1", 8000), handler) as server:
        session.log("Serving http://127.0.0.1:8000/ (Ctrl+C to stop)")
        with contextlib.suppress(KeyboardInterrupt):
            server.serve_forever()


@nox.session(default=False)
def record(session):
    """Re-record outputs from fresh runs: nox -s record -- [NAME ...] (all if none)."""
    install(session, "test")
    names = [arg for name in session.posargs for arg in ("--snippet", name)]
    session.run(
        "pytest", "tests/test_snippets.py", "--update-outputs", "-p", "no:xdist",
        *names,
    )  # fmt: skip
