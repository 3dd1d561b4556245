"""Reuse of passed results: a pytest plugin (loaded with -p from pyproject.toml).

A test marked `@pytest.mark.reuse` is not run again when it passed before and nothing it
depends on has changed since; it reports as passed, and the run ends with a line saying
how many results were reused. Its key (a SHA-256) covers

- the test's module and every tests/ module it imports, directly or not (so
  tests/snippet_runner.py and tests/pythons.py for the snippet tests), this plugin and
  tests/docs_plugin.py;
- the interpreter (sys.version, its path), the installed distributions and their versions,
  and `[tool.mpdocs]` of pyproject.toml (the matrix's releases);
- for a test with `name` and `method` parameters (test_snippets.py), that snippet: its
  file, the snippets it imports, its recorded output file for that method and this
  Python, its settings as snippets.toml resolves them for that method and this Python,
  tests/startmethod/, and the same for its companion snippet;
- `reuse(snippets=[...])`: the same for each named snippet under every start method;
- `reuse(files=[...])`: these files and folders (paths from the repository's root).

Only a pass is stored (the call and teardown passed, and the session's check for leftover
processes found none), and it is stored by the pytest process that ran the session
(xdist's controller), from the reports. Nothing is reused when CI is set ("true" or
"1"), with `--no-reuse` or MPDOCS_NO_REUSE=1, while recording outputs
(--update-outputs) or timing runs (--durations-file, `nox -s soak`/`bench`); a run
with --no-reuse still stores what passed. `nox -s clean` deletes the store,
.cache/results/.

Why not a library: pytest's cache (--lf, --sw) reruns what failed, not what changed;
pytest-testmon selects tests by the Python lines they execute in the test process, but a
snippet runs in a subprocess, and its output file and settings are data, so testmon
would reuse a result whose recorded output or settings had changed.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import hashlib
import importlib.metadata
import json
import os
import sys
import time
from pathlib import Path

import pytest

import snippet_runner as sr

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"
STORE = ROOT / ".cache" / "results"
VERSION = "1"  # bump to invalidate every stored result
KEEP = 20_000  # stored results kept (the newest); one is about 100 bytes
ALWAYS = (TESTS / "docs_plugin.py", TESTS / "result_cache.py")
PROPERTY = "mpdocs-reuse"  # user property: ("run", key) or ("reused", key)


def pytest_addoption(parser):
    parser.addoption(
        "--no-reuse",
        action="store_true",
        help="run every test, reusing no stored result (CI=true and MPDOCS_NO_REUSE=1 "
        "do the same); what passes is still stored",
    )


def pytest_configure(config):
    config.addinivalue_line(
        "markers",
        "reuse(snippets=(), files=()): reuse a stored pass while nothing the test depends "
        "on changed (tests/result_cache.py)",
    )
    config.pluginmanager.register(_Plugin(config), "mpdocs-result-cache")


def in_ci() -> bool:
    return os.environ.get("CI", "").lower() in {"1", "true"}


def why_not_reusing(config) -> str | None:
    """Why no stored result may be reused in this run, or None."""
    if in_ci():
        return "CI is set"
    if config.getoption("--no-reuse") or os.environ.get("MPDOCS_NO_REUSE") == "1":
        return "--no-reuse" if config.getoption("--no-reuse") else "MPDOCS_NO_REUSE=1"
    if config.getoption("--update-outputs", False):
        return "recording outputs"
    if config.getoption("--durations-file", None) or sr.DURATIONS_FILE:
        return "timing runs (--durations-file)"
    return None


def storing(config) -> bool:
    return not in_ci() and not config.getoption("--update-outputs", False)


# --- keys ----------------------------------------------------------------------------


class Keys:
    """Digests of files and snippets, each computed once per process."""

    def __init__(self):
        self._files: dict[Path, str] = {}
        self._snippets: dict[tuple[str, str], str] = {}
        self._settings = None
        self._environment = None

    def file(self, path: Path) -> str:
        """A file's or folder's content (a folder: every file in it but __pycache__)."""
        if path not in self._files:
            digest = hashlib.sha256()
            if path.is_dir():
                for item in sorted(path.rglob("*")):
                    if item.is_file() and "__pycache__" not in item.parts:
                        digest.update(item.relative_to(path).as_posix().encode() + b"\0")
                        digest.update(item.read_bytes() + b"\0")
            elif path.is_file():
                digest.update(path.read_bytes())
            else:
                digest.update(b"<missing>")
            self._files[path] = digest.hexdigest()
        return self._files[path]

    def files(self, paths) -> dict[str, str]:
        return {_shown(path): self.file(path) for path in sorted(set(paths))}

    def settings(self) -> dict:
        if self._settings is None:
            self._settings = sr.load_settings()
        return self._settings

    def environment(self) -> dict:
        """The interpreter, the installed distributions, pyproject's [tool.mpdocs]."""
        if self._environment is None:
            distributions = sorted(
                {f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()}
            )
            pyproject = sr.tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
            self._environment = {
                "python": sys.version,
                "executable": sys.executable,
                "distributions": distributions,
                "mpdocs": pyproject.get("tool", {}).get("mpdocs", {}),
            }
        return self._environment

    def snippet(self, name: str, method: str) -> str:
        """Everything a run of snippets/NAME.py under `method` depends on, besides the
        runner: its file and the snippets it imports, its resolved settings, its recorded
        output, the start-method hook, and the same for its companion."""
        if (name, method) not in self._snippets:
            snippet = sr.get_snippet(name, method, settings=self.settings())
            parts = {
                "settings": json.dumps(dataclasses.asdict(snippet), sort_keys=True, default=repr),
                "files": self.files(
                    [
                        *_imported(snippet.path, sr.SNIPPETS),
                        snippet.output_path,
                        sr.START_METHOD_HOOK,
                    ]
                ),
            }
            if snippet.companion:
                parts["companion"] = self.snippet(snippet.companion, method)
            self._snippets[name, method] = _digest(parts)
        return self._snippets[name, method]

    def item(self, item) -> str | None:
        """The key of a test marked `reuse`, or None (not marked, or skipped/xfail)."""
        marker = item.get_closest_marker("reuse")
        if marker is None or item.get_closest_marker("skip") or item.get_closest_marker("xfail"):
            return None
        for skipif in item.iter_markers("skipif"):
            # Reused only while every condition is a plain False (pytest skips the test
            # when one is true, and a string condition is evaluated by pytest alone).
            if not skipif.args or any(not isinstance(c, bool) or c for c in skipif.args):
                return None
        params = getattr(getattr(item, "callspec", None), "params", {})
        return self.key(item.nodeid, Path(item.path), marker, params)

    def key(self, nodeid: str, module: Path, marker, params: dict) -> str:
        parts = {
            "version": VERSION,
            "test": nodeid,
            "code": self.files([*_imported(module, TESTS), *_imported_all(ALWAYS)]),
            "environment": self.environment(),
            "files": self.files(ROOT / f for f in marker.kwargs.get("files", ())),
            "snippets": {
                f"{name}[{method}]": self.snippet(name, method)
                for name in marker.kwargs.get("snippets", ())
                for method in sr.START_METHODS
            },
        }
        if "name" in params and "method" in params:
            parts["snippet"] = self.snippet(params["name"], params["method"])
        return _digest(parts)


def _digest(parts: dict) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True).encode()).hexdigest()


def _shown(path: Path) -> str:
    try:
        return path.relative_to(ROOT).as_posix()
    except ValueError:
        return str(path)


@functools.cache
def _imported(path: Path, folder: Path) -> tuple[Path, ...]:
    """`path` and the modules of `folder` it imports, directly or through each other."""
    found, todo = [], [path]
    while todo:
        current = todo.pop()
        if current in found:
            continue
        found.append(current)
        if not current.is_file():
            continue
        try:
            tree = ast.parse(current.read_bytes())
        except SyntaxError:
            continue  # its digest changes with it all the same
        for node in ast.walk(tree):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and not node.level and node.module:
                names = [node.module]
            for name in names:
                candidate = folder / f"{name.split('.')[0]}.py"
                if candidate.is_file():
                    todo.append(candidate)
    return tuple(found)


def _imported_all(paths) -> list[Path]:
    return [found for path in paths for found in _imported(path, TESTS)]


# --- the store -----------------------------------------------------------------------


def stored(key: str) -> bool:
    path = STORE / key
    if not path.is_file():
        return False
    path.touch()  # recently used: kept when the store is trimmed
    return True


def store(results: dict[str, str]) -> None:
    """Write key -> test id for each passed result, then trim the store to KEEP entries."""
    if not results:
        return
    STORE.mkdir(parents=True, exist_ok=True)  # git-ignored: /.cache/
    for key, nodeid in results.items():
        temporary = STORE / f".{key}.{os.getpid()}"
        temporary.write_text(json.dumps({"test": nodeid, "at": time.time()}), encoding="utf-8")
        temporary.replace(STORE / key)
    entries = list(STORE.iterdir())
    if len(entries) > KEEP:
        entries.sort(key=lambda p: p.stat().st_mtime)
        for old in entries[: len(entries) - KEEP]:
            old.unlink(missing_ok=True)


# --- the plugin ----------------------------------------------------------------------


class _Plugin:
    def __init__(self, config):
        self.config = config
        self.reason = why_not_reusing(config)
        self.keys = Keys()
        self.passed: dict[str, str] = {}  # nodeid -> key, for tests that ran and passed
        self.failed: set[str] = set()
        self.reused = 0
        self.marked: set[str] = set()  # tests marked `reuse` that ran or were reused
        self.leftovers = False

    # In the process that runs the tests (an xdist worker, or the only one).

    @pytest.hookimpl(tryfirst=True)
    def pytest_runtest_protocol(self, item, nextitem):
        key = self.keys.item(item)
        if key is None:
            return None
        if self.reason is None and stored(key):
            item.user_properties.append((PROPERTY, f"reused {key}"))
            _report_passed(item, nextitem)
            return True
        item.user_properties.append((PROPERTY, f"run {key}"))
        return None  # pytest runs it

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        """The teardown report of a test that ran says whether its inputs changed while it
        ran (a file edited meanwhile): then its pass is not stored under either key."""
        outcome = yield
        found = [v for name, v in item.user_properties if name == PROPERTY]
        if call.when != "teardown" or not found or not found[-1].startswith("run "):
            return
        fresh = Keys()
        fresh._environment = self.keys.environment()  # the interpreter did not change
        if fresh.item(item) != found[-1].split()[1]:
            outcome.get_result().user_properties.append((PROPERTY, "changed -"))

    # In the process that reports (xdist's controller, or the only one).

    def pytest_runtest_logreport(self, report):
        if hasattr(self.config, "workerinput"):
            return
        found = [value for name, value in report.user_properties if name == PROPERTY]
        if not found:
            return
        how, key = found[-1].split()
        self.marked.add(report.nodeid)
        if report.failed or how == "changed":
            self.failed.add(report.nodeid)
        elif report.when == "call" and report.passed:
            if how == "reused":
                self.reused += 1
            else:
                self.passed[report.nodeid] = key

    @pytest.hookimpl(tryfirst=True)  # before docs_plugin kills the leftovers it finds
    def pytest_sessionfinish(self, session):
        if hasattr(self.config, "workerinput"):
            return
        if not storing(self.config):
            return
        # A process left behind by any test of the session makes no result trustworthy.
        self.leftovers = bool(sr.processes_with_marker(sr.SUITE_ID))
        if self.leftovers:
            return
        store({key: nodeid for nodeid, key in self.passed.items() if nodeid not in self.failed})

    def pytest_terminal_summary(self, terminalreporter):
        if hasattr(self.config, "workerinput") or not self.marked:
            return
        if self.reason:
            line = f"reuse: off ({self.reason}): every test ran"
        else:
            line = (
                f"reuse: {self.reused} of {len(self.marked)} results were reused from "
                "earlier passes (nothing they depend on changed); `--no-reuse` or CI=true "
                "runs everything, `nox -s clean` forgets them"
            )
        if self.leftovers:
            line += "; nothing stored: processes were left behind"
        terminalreporter.write_line(line, bold=True)


def _report_passed(item, nextitem) -> None:
    """Report `item` as passed (setup, call and teardown) without running it. Its teardown
    does what pytest's own does between two tests: it tears down the fixtures that the
    previous test set up and `nextitem` does not need (pytest's SetupState; the teardown
    hook itself would also undo the setup hooks' work, which never happened here)."""
    ihook = item.ihook
    ihook.pytest_runtest_logstart(nodeid=item.nodeid, location=item.location)
    for when in ("setup", "call", "teardown"):
        if when == "teardown":

            def action():
                item.session._setupstate.teardown_exact(nextitem)  # pytest==9.2.0, pinned
        else:

            def action():
                return None

        call = pytest.CallInfo.from_call(action, when=when, reraise=(KeyboardInterrupt,))
        report = ihook.pytest_runtest_makereport(item=item, call=call)
        ihook.pytest_runtest_logreport(report=report)
    ihook.pytest_runtest_logfinish(nodeid=item.nodeid, location=item.location)


@pytest.hookimpl(optionalhook=True, tryfirst=True)  # xdist: absent under -p no:xdist
def pytest_xdist_auto_num_workers(config):
    """`-n auto`: 4 workers while more than 8 snippet runs have to be made (they mostly
    wait: 4 beat 2 on two cores), 2 for 4 to 8, none (the tests run in this process) for
    3 or fewer, one snippet's three start methods: a worker costs a second of CPU to
    start. Guessed before collection, from test_snippets.py's test ids."""
    if why_not_reusing(config):
        return 4
    import test_snippets  # its cases, as it will collect them

    keys = Keys()
    module = TESTS / "test_snippets.py"
    marker = pytest.mark.reuse.mark
    stale = 0
    for case in test_snippets._cases():
        if case.marks:  # skipped on this platform: never run, never stored
            continue
        name, method = case.values
        nodeid = f"tests/test_snippets.py::test_snippet[{case.id}]"
        key = keys.key(nodeid, module, marker, {"name": name, "method": method})
        stale += not (STORE / key).is_file()
    return 4 if stale > 8 else 2 if stale > 3 else 0
