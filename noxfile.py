"""Build, serve and check the site. nox is the only prerequisite: `pip install nox`.

nox -s serve        build both languages and serve them at http://127.0.0.1:8000
nox -s docs-test    lint, strict build of both languages, the whole test suite (reuses the
                    passed results whose inputs are unchanged; not in CI, nor with -- --no-reuse)
nox -s clean        forget the reused results (.cache/), delete site/ and tests/artifacts/
nox -s record       re-record snippet outputs on each Python: nox -s record -- NAME [NAME ...]
nox -s docs         build site/ for publishing
nox -s lint         ruff over snippets/ and tests/
nox -s pythons      get the matrix's CPython releases (Debian/Ubuntu, root): tests/pythons.py
nox -s matrix       the snippet tests on CPython 3.11-3.15 (fork, spawn, forkserver each)
nox -s soak         the snippet suite N times under load: nox -s soak -- --repeat 20 --load 2
nox -s bench        wall time of the suite, its slowest snippets, build time per language
nox -s claims       the speed claims of performance.md, measured on an idle machine
nox -s browser      the built site in Chromium: pages, search, switcher, copy, 404s, axe, offline
nox -s weight       bytes a first visit to each page loads, build time per language
nox -s lighthouse   Lighthouse scores of every page (mobile), gzipped: -- [--runs N] [PAGE ...]
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
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

sys.path.insert(0, str(ROOT / "tests"))
import pythons  # noqa: E402  tests/pythons.py: the verified releases, where to find them

# Every CPython line python.org supports ("3.11" ... "3.15"), named in pyproject.toml.
MATRIX_PYTHONS = pythons.lines()
# The snippet suite the matrix runs: every snippet as a script, plus the tests
# that check one snippet's claim more closely (each where it exists).
SNIPPET_TESTS = [
    "tests/test_snippets.py",
    "tests/test_parallel_timing.py",
    "tests/test_echo_server.py",
    "tests/test_manager_server.py",
]
INTERPRETERS = ROOT / ".nox" / "interpreters"


def _put_interpreters_on_path():
    """nox finds python3.X on PATH: link there, for each line, the interpreter that
    tests/pythons.py finds (PATH, pyenv, uv or `nox -s pythons`), the named release first.
    Launchers made by `nox -s pythons` bind the project into their chroot: MPDOCS_PROJECT."""
    os.environ["MPDOCS_PROJECT"] = str(ROOT)
    INTERPRETERS.mkdir(parents=True, exist_ok=True)
    found = pythons.find()
    for wanted, hit in found.items():
        link = INTERPRETERS / f"python{wanted.rsplit('.', 1)[0]}"
        link.unlink(missing_ok=True)
        if hit:
            link.symlink_to(hit[0])
    os.environ["PATH"] = f"{INTERPRETERS}{os.pathsep}{os.environ['PATH']}"
    for problem in pythons.problems(found):  # what is missing, and how to get it
        nox.logger.logger.warning(problem)


# Only the sessions that run other Pythons need the search (about 0.5 s).
if {"matrix", "record", "pythons", "claims"} & {re.split(r"[-(]", a)[0] for a in sys.argv}:
    _put_interpreters_on_path()


def _check_release(session):
    """The interpreter must be the release pyproject.toml names: in CI that is an error."""
    wanted = next(v for v in pythons.versions() if v.startswith(f"{session.python}."))
    got = session.run("python", "-c", "import platform; print(platform.python_version())",
                      silent=True).strip()  # fmt: skip
    if got != wanted:
        message = (
            f"CPython {got} is not {wanted}, the release pyproject.toml names for "
            f"{session.python}: see `python3 tests/pythons.py find`."
        )
        session.error(message) if nox.options.error_on_missing_interpreters else session.warn(
            message
        )


def install(session, *groups):
    """pip install the dependency groups, in one go; skipped when the session's virtual
    environment already got exactly these requirements (a stamp file in it), which saves
    pip's 1-3 s of checking on every run. A new environment (CI's) always installs."""
    requirements = [r for group in groups for r in nox.project.dependency_groups(PYPROJECT, group)]
    stamp = Path(session.virtualenv.location) / "mpdocs-requirements.txt"
    wanted = "\n".join(requirements) + "\n"
    if stamp.is_file() and stamp.read_text(encoding="utf-8") == wanted:
        session.log(f"requirements unchanged since they were installed ({stamp.name})")
        return
    stamp.unlink(missing_ok=True)
    session.install(*requirements)
    stamp.write_text(wanted, encoding="utf-8")


def build(session, *extra, site=ROOT / "site", env=None):
    """Build every language into SITE/<lang>/ (and the root pages into SITE/), all at the
    same time (a process each); env adds SITE_URL or OFFLINE=true. Fails the session if any
    build fails. Returns each language's build time in seconds."""
    shutil.rmtree(site, ignore_errors=True)
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})}
    env["PATH"] = os.pathsep.join([session.bin, env.get("PATH", "")])
    seconds, failed = {}, []
    with contextlib.ExitStack() as stack:
        builds = []
        for language in LANGUAGES:
            command = [
                "mkdocs", "build", "--strict", "-f", f"docs/mkdocs.{language}.yml",
                "-d", str(site / language), *extra,
            ]  # fmt: skip
            session.log(" ".join(command))
            output = stack.enter_context(tempfile.TemporaryFile())
            process = subprocess.Popen(
                command, cwd=ROOT, env=env, stdout=output, stderr=subprocess.STDOUT
            )
            builds.append((language, process, output, time.perf_counter()))
        while len(seconds) < len(builds):  # each build's own time, whichever ends first
            for label, process, _, start in builds:
                if label not in seconds and process.poll() is not None:
                    seconds[label] = time.perf_counter() - start
            time.sleep(0.02)
        for label, process, output, _ in builds:
            output.seek(0)
            text = output.read().decode("utf-8", errors="replace")
            print(f"--- mkdocs build ({label}): {seconds[label]:.1f} s\n{text}", end="")
            if process.returncode:
                failed.append(label)
    if failed:
        session.error(f"mkdocs build --strict failed for {', '.join(failed)} (output above)")
    return seconds


@nox.session(name="docs-test")
def docs_test(session):
    """Everything CI checks: lint, strict build of both languages, all tests."""
    install(session, "lint", "docs", "test")
    session.run("ruff", "check", *LINTED)
    session.run("ruff", "format", "--check", *LINTED)
    build(session)
    # -n auto: tests/result_cache.py picks 4 workers while many snippets have to run (they
    # mostly wait: 36 s -> 25 s on two cores; `nox -s soak -- --workers 4 --load 1` passes
    # with 4), 2 for a few, none when all their results are reused. Passed results whose
    # inputs are unchanged are reused, except in CI or with `nox -s docs-test -- --no-reuse`;
    # `nox -s clean` forgets them. The tests of the built pages read the builds just made.
    session.run(
        "pytest", "-n", "auto", "--built-site", "site", *session.posargs,
    )  # fmt: skip


@nox.session(venv_backend="none", default=False)
def clean(session):
    """Forget the reused test results (.cache/) and delete the built sites (site/,
    tests/artifacts/); the virtual environments in .nox/ stay."""
    for folder in (ROOT / ".cache", ROOT / "site", ROOT / "tests" / "artifacts"):
        if folder.exists():
            session.log(f"removing {folder.relative_to(ROOT)}/")
            shutil.rmtree(folder)


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


@nox.session(python=MATRIX_PYTHONS, download_python="never", default=False)
def record(session):
    """Re-record outputs from fresh runs: nox -s record -- [NAME ...] (all if none). Each
    Python writes the outputs it records (the newest line that writes a file records it);
    `nox -s record-3.14 -- NAME` records only 3.14's."""
    install(session, "test")
    _check_release(session)
    names = [arg for name in session.posargs for arg in ("--snippet", name)]
    # test_timelines.py runs second: it redraws the timeline pictures
    # (tests/timeline.py) from the outputs just recorded.
    session.run(
        "pytest", "tests/test_snippets.py", "tests/test_timelines.py",
        "--update-outputs", "-p", "no:xdist", *names,
        success_codes=[0, 5],  # 5: another line records every output asked for
    )  # fmt: skip


@nox.session(name="pythons", venv_backend="none", default=False)
def provision_pythons(session):
    """Get the CPython releases the matrix needs that this machine lacks (Debian or Ubuntu,
    as root): a Debian sid chroot with launchers, see tests/pythons.py. Idempotent."""
    session.run(sys.executable, "tests/pythons.py", "provision")


@nox.session(python=MATRIX_PYTHONS, download_python="never", default=False)
def matrix(session):
    """Every snippet under fork, spawn and forkserver, on each CPython of the matrix."""
    install(session, "test")
    _check_release(session)
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


@nox.session(python=MATRIX_PYTHONS[-1], download_python="never", default=False)
def claims(session):
    """The speed claims of performance.md (tests/claims.py): each performance snippet runs
    with full settings, one at a time, on the newest CPython line (the pages show today's
    Python), and every claim is checked as a ratio of two figures of one run (a snippet is
    run again, 3 runs at most, while one of its claims does not hold). Run it when nothing
    else competes for the CPU; it fails on fewer than two cores. `nox -s claims
    -- --record` also records the outputs and redraws the charts (only if every claim
    holds); `-- --recorded` checks the recorded outputs."""
    install(session, "test")
    _check_release(session)
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


BROWSER_TESTS = ROOT / "tests" / "browser"


def _npm_ci(session):
    """Install Lighthouse from tests/browser/package-lock.json into tests/browser/node_modules
    (git-ignored), unless the lockfile is what was installed last."""
    if not shutil.which("npm"):
        session.error("npm is missing: apt-get install nodejs npm")
    lock = BROWSER_TESTS / "package-lock.json"
    stamp = BROWSER_TESTS / "node_modules" / ".mpdocs-package-lock.json"
    if stamp.is_file() and stamp.read_bytes() == lock.read_bytes():
        return
    npm_ci = ["npm", "ci", "--prefix", str(BROWSER_TESTS), "--no-audit", "--no-fund"]
    session.run(*npm_ci, external=True)
    stamp.write_bytes(lock.read_bytes())


@nox.session(default=False)
def lighthouse(session):
    """A benchmark, not a test: Lighthouse's four scores (mobile) for every page in both
    languages, served gzipped as GitHub Pages serves them: nox -s lighthouse [-- [--runs N]
    PAGE ...], where --runs N shows the median of N runs per page. Targets: performance
    >= 0.95, accessibility, best practices and SEO 1.00, no console error. Needs Debian's
    Chromium and Node.js (npm installs Lighthouse)."""
    _need_chromium(session)
    _npm_ci(session)
    install(session, "docs")
    build(session, site=BROWSER_SITE, env={"SITE_URL": _local_site_url()})
    session.run(
        "python", "tests/browser/lighthouse.py", str(BROWSER_SITE), *session.posargs,
        env={"CHROME_PATH": CHROMIUM},
    )  # fmt: skip
