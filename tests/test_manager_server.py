"""The network manager example as a reader would run it, with a key of their own.

snippets/manager_server.py must listen on 127.0.0.1 only, serve one shared
tally to every client that has the key, refuse one that does not and go on
serving, stop cleanly on Ctrl+C, and refuse to start without a key (no key
written in the code). The key is made the way the page shows: os.urandom.
"""

from __future__ import annotations

import pytest

import snippet_runner as sr
from keyed_server import METHOD, assert_listens_on_loopback_only, new_key, run_client, serving
from keyed_server import with_key as _with_key

SERVER, CLIENT = "manager_server", "manager_client"
pytestmark = pytest.mark.reuse(snippets=[SERVER, CLIENT])  # tests/result_cache.py
KEY = "MANAGER_AUTHKEY"


def with_key(snippet: sr.Snippet, key: str | None) -> sr.Snippet:
    return _with_key(snippet, KEY, key)


@pytest.fixture
def key() -> str:
    return new_key()


@pytest.fixture
def server(key):
    with serving(SERVER, KEY, key) as running:
        yield running


def client(server, key: str | None) -> sr.Run:
    return run_client(CLIENT, KEY, key, server.port)


def test_listens_on_loopback_only(server):
    assert_listens_on_loopback_only(server)


def test_clients_with_the_key_share_one_tally(server, key):
    first = client(server, key)
    assert not sr.outcome_problems(first), sr.outcome_problems(first)
    recorded = sr.get_snippet(CLIENT, METHOD).output_path.read_text(encoding="utf-8")
    assert first.output == recorded
    second = client(server, key)  # the same object, counted on
    assert second.output.splitlines()[-1] == "counts: {'apple': 4, 'pear': 2}", second.output


def test_wrong_key_is_refused_and_the_server_keeps_serving(server, key):
    wrong = client(server, new_key())
    assert wrong.returncode == 1, wrong.output
    assert sr.raised_exceptions(wrong.output) == ["AuthenticationError"], wrong.output
    assert "multiprocessing.context.AuthenticationError" in wrong.output
    assert "add(" not in wrong.output
    right = client(server, key)
    assert right.returncode == 0 and "counts: {'apple': 2, 'pear': 1}" in right.output
    assert server.proc.poll() is None, "the server stopped after refusing a client"


def test_ctrl_c_stops_the_server_cleanly(server, key):
    assert client(server, key).returncode == 0
    run = server.stop()  # SIGINT, as Ctrl+C in a terminal sends
    assert run.returncode == 0, run.output
    assert run.output.splitlines()[-1] == (
        "server stopped; final counts: {'apple': 2, 'pear': 1}"
    ), run.output
    assert not sr.raised_exceptions(run.output), run.output
    assert not run.leftovers


@pytest.mark.parametrize("name", [SERVER, CLIENT])
def test_no_key_no_start(name):
    """Without MANAGER_AUTHKEY both programs exit with a message, not a default key."""
    snippet = with_key(sr.get_snippet(name, METHOD), None)
    run = sr.run_snippet(snippet, METHOD, {"port": sr.free_port()})
    assert run.returncode == 1, run.output
    assert run.output.startswith("Set MANAGER_AUTHKEY"), run.output
    assert not sr.raised_exceptions(run.output), run.output
    assert "serving" not in run.output
