"""The echo server example as a reader would run it, with a key of their own.

snippets/connection_echo_server.py must listen on 127.0.0.1 only, answer a
client that has the key, refuse one that does not and go on serving, survive
clients that vanish (before, during or after the handshake), stop cleanly on
Ctrl+C, and leave no process behind. Neither snippet may run without
ECHO_AUTHKEY. The key is made the way the essentials page shows: os.urandom.
"""

from __future__ import annotations

import ast
import os
import signal
import socket
import struct
import time
from multiprocessing.connection import Client

import psutil
import pytest

import snippet_runner as sr
from keyed_server import METHOD, assert_listens_on_loopback_only, new_key, run_client, serving
from keyed_server import with_key as _with_key

SERVER, CLIENT = "connection_echo_server", "connection_echo_client"
pytestmark = pytest.mark.reuse(snippets=[SERVER, CLIENT])  # tests/result_cache.py
KEY = "ECHO_AUTHKEY"


def with_key(snippet: sr.Snippet, key: str | None) -> sr.Snippet:
    return _with_key(snippet, KEY, key)


@pytest.fixture
def key() -> str:
    return new_key()


@pytest.fixture
def server(key):
    with serving(SERVER, KEY, key) as running:
        yield running


def client(server, key: str) -> sr.Run:
    return run_client(CLIENT, KEY, key, server.port)


def wait_for_line(server, text: str, timeout: float = 10, count: int = 1) -> None:
    deadline = time.monotonic() + timeout
    while server.output.count(text) < count:
        assert server.proc.poll() is None, f"the server died:\n{server.output}"
        assert time.monotonic() < deadline, (
            f"the server printed {text!r} fewer than {count} times:\n{server.output}"
        )
        time.sleep(0.05)


def reset(sock: socket.socket) -> None:
    """Close with SO_LINGER 0: the kernel sends RST, as a crashed peer's does."""
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    sock.close()


def test_listens_on_loopback_only(server):
    assert_listens_on_loopback_only(server)
    assert f"listening on 127.0.0.1:{server.port}" in server.output


def test_client_with_the_key_gets_its_message_back(server, key):
    run = client(server, key)
    assert not sr.outcome_problems(run), sr.outcome_problems(run)
    echoed = ast.literal_eval(run.output.strip())  # the client prints what came back
    assert echoed == ["Hello World", 100, "你好".encode()]
    recorded = sr.get_snippet(CLIENT, METHOD).output_path.read_text(encoding="utf-8")
    assert run.output == recorded


def test_wrong_key_is_refused_and_the_server_keeps_serving(server, key):
    wrong = client(server, new_key())
    assert wrong.returncode == 1, wrong.output
    assert sr.raised_exceptions(wrong.output) == ["AuthenticationError"], wrong.output
    assert "multiprocessing.context.AuthenticationError" in wrong.output
    assert not wrong.leftovers
    wait_for_line(server, "refused a client with a wrong authkey")

    right = client(server, key)  # still serving
    assert right.returncode == 0 and "Hello World" in right.output, right.output
    assert server.proc.poll() is None, "the server stopped after refusing a client"


def test_ctrl_c_stops_the_server_cleanly(server, key):
    assert client(server, key).returncode == 0
    run = server.stop()  # SIGINT, as Ctrl+C in a terminal sends
    # "server stopped" is printed only by the KeyboardInterrupt handler.
    assert run.returncode == 0, run.output
    assert run.output.splitlines()[-1] == "server stopped", run.output
    assert not sr.raised_exceptions(run.output), run.output
    assert not run.leftovers
    assert not psutil.pid_exists(server.proc.pid) or (
        psutil.Process(server.proc.pid).status() == psutil.STATUS_ZOMBIE
    )


def test_ctrl_c_stops_the_server_when_the_suite_ignores_it(key):
    """Run as a background job (`nox ... &`, nohup, CI), the suite starts with
    SIGINT ignored; the server must still get Ctrl+C as in a terminal."""
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        snippet = with_key(sr.get_snippet(SERVER, METHOD), key)
        with sr.Companion(snippet, METHOD, {"port": sr.free_port()}) as server:
            run = server.stop()
    finally:
        signal.signal(signal.SIGINT, previous)
    assert run.returncode == 0 and "server stopped" in run.output, run.output


def test_server_survives_clients_that_vanish(server, key):
    """A port scan, a health check or a killed client must not stop the server."""
    address = ("127.0.0.1", server.port)
    dropped = "dropped a client: "

    # 1. Connect and close at once, before the handshake: the server's
    #    challenge finds the connection closed.
    socket.create_connection(address, timeout=10).close()
    wait_for_line(server, dropped, count=1)

    # 2. Reset during the handshake: read the challenge, then RST.
    sock = socket.create_connection(address, timeout=10)
    assert sock.recv(64), "the server sent no challenge"
    reset(sock)
    wait_for_line(server, dropped, count=2)

    # 3. Reset mid-session: authenticate, get one echo, then RST.
    conn = Client(address, authkey=key.encode())
    conn.send("ping")
    assert conn.recv() == "ping"
    reset(socket.socket(fileno=os.dup(conn.fileno())))
    conn.close()
    wait_for_line(server, dropped, count=3)

    # A real client is still served, and the server printed no traceback.
    right = client(server, key)
    assert right.returncode == 0 and "Hello World" in right.output, right.output
    assert server.proc.poll() is None, f"the server stopped:\n{server.output}"
    assert not sr.raised_exceptions(server.output), server.output
    lines = [line for line in server.output.splitlines() if line.startswith(dropped)]
    assert len(lines) == 3, server.output


@pytest.mark.parametrize("name", [SERVER, CLIENT])
def test_refuses_to_run_without_a_key(name, monkeypatch):
    """No hard-coded fallback: without ECHO_AUTHKEY, a clear message and exit 1."""
    monkeypatch.delenv(KEY, raising=False)
    snippet = with_key(sr.get_snippet(name, METHOD), None)
    run = sr.run_snippet(snippet, METHOD, {"port": sr.free_port()})
    assert run.returncode == 1, run.output
    assert run.output.startswith("ECHO_AUTHKEY is not set"), run.output
    assert not sr.raised_exceptions(run.output), run.output
    assert not run.leftovers
