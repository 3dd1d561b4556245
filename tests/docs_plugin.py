"""The project's pytest plugin, loaded with -p from pyproject.toml so that it is
active whatever paths pytest is given (a conftest.py in tests/ would not be
loaded when only a page under docs/ is tested)."""

from __future__ import annotations

import os
import uuid

import pytest

import pages
import snippet_runner


def pytest_configure(config):
    # One id for the whole run, shared with the xdist workers, so that the
    # check at the end finds what any worker's snippets left behind.
    workerinput = getattr(config, "workerinput", None)
    if workerinput is not None:
        snippet_runner.SUITE_ID = workerinput["mpdocs_suite_id"]
    else:
        # A suite run by a test of another suite (tests/broken_project.py)
        # extends that run's marker, so the outer suite finds its leftovers too.
        outer = os.environ.get(snippet_runner.MARKER)
        suite = uuid.uuid4().hex[:12]
        snippet_runner.SUITE_ID = f"{outer}/{suite}" if outer else suite
    if config.getoption("--durations-file"):
        snippet_runner.DURATIONS_FILE = os.path.abspath(config.getoption("--durations-file"))
    if config.pluginmanager.hasplugin("xdist"):
        config.pluginmanager.register(_XdistHooks(), "mpdocs-xdist")


class _XdistHooks:
    def pytest_configure_node(self, node):
        node.workerinput["mpdocs_suite_id"] = snippet_runner.SUITE_ID


def pytest_addoption(parser):
    parser.addoption(
        "--update-outputs",
        action="store_true",
        help="rewrite snippets/outputs/ from fresh runs instead of comparing",
    )
    parser.addoption(
        "--snippet",
        action="append",
        default=[],
        metavar="NAME",
        help="run the snippet tests of these snippets only (repeatable)",
    )
    parser.addoption(
        "--built-site",
        metavar="DIR",
        help="a site nox has just built (both languages, strict): the tests of the built "
        "pages read it instead of building their own (test_site_security.built_site)",
    )
    parser.addoption(
        "--durations-file",
        metavar="PATH",
        help="append one JSON line per snippet run (seconds, timeout, outcome) "
        "to PATH; read by `nox -s soak` and `nox -s bench`",
    )


def pytest_collection_modifyitems(config, items):
    """--snippet NAME keeps only those snippets; --update-outputs keeps only the
    run under each snippet's recording start method."""
    wanted = set(config.getoption("--snippet"))
    updating = config.getoption("--update-outputs")
    if not (wanted or updating):
        return
    unknown = wanted - set(snippet_runner.snippet_names())
    if unknown:
        raise pytest.UsageError(f"no such snippet in snippets/: {sorted(unknown)}")
    keep, drop = [], []
    for item in items:
        callspec = getattr(item, "callspec", None)
        params = callspec.params if callspec else {}
        if "name" not in params or "method" not in params:
            (drop if updating or wanted else keep).append(item)
            continue
        # one run per output file: a [NAME.method] table may name its own
        recording = snippet_runner.record_methods(params["name"])
        selected = (not wanted or params["name"] in wanted) and (
            not updating or params["method"] in recording
        )
        (keep if selected else drop).append(item)
    config.hook.pytest_deselected(items=drop)
    items[:] = keep


@pytest.hookimpl(tryfirst=True)
def pytest_markdown_docs_markdown_it():
    return pages.markdown_it()


def pytest_sessionfinish(session, exitstatus):
    """No process started by the suite may outlive it."""
    if hasattr(session.config, "workerinput"):
        return  # the controller checks once every worker is done
    leftovers = snippet_runner.processes_with_marker(snippet_runner.SUITE_ID)
    if not leftovers:
        return
    names = [snippet_runner.describe(p) for p in leftovers]
    snippet_runner.kill_all(leftovers)
    reporter = session.config.pluginmanager.get_plugin("terminalreporter")
    message = (
        "processes started by snippets were still running after the suite "
        "(killed now): " + "; ".join(names) + ". A test started them and did "
        "not stop them: run snippets through snippet_runner.run_snippet or "
        "Companion (a `with` block), which reap everything a run starts."
    )
    if reporter:
        reporter.write_line(f"ERROR: {message}", red=True)
    session.exitstatus = pytest.ExitCode.TESTS_FAILED


@pytest.fixture(scope="session")
def fresh_site(tmp_path_factory, pytestconfig):
    """Both languages as `nox -s docs` builds them: the build nox has just made
    (--built-site), or one built here once for the whole run. For the tests of the built
    pages (test_site_security, test_verified_pythons, test_zh_typography)."""
    from test_site_security import LANGUAGES, ROOT, build, built_site, wait

    site = built_site(pytestconfig)
    if site is None:
        site = tmp_path_factory.mktemp("site")
        wait([build(ROOT / f"docs/mkdocs.{lang}.yml", site / lang) for lang in LANGUAGES])
    return site
