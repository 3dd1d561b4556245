"""The echo server example as a reader would run it, with a key of their own.

snippets/connection_echo_server.py must listen on 127.0.0.1 only, answer a
client that has the key, refuse one that does not and go on serving, stop
cleanly on Ctrl+C, and leave no process behind. The key is made the way the
essentials page shows: os.urandom.
"""

from __future__ import annotations

import ast
import dataclasses
import os
import signal
import time

import psutil
import pytest

import snippet_runner as sr

METHOD = "spawn"  # the server and client start no processes of their own
SERVER, CLIENT = "connection_echo_server", "connection_echo_client"


def with_key(snippet: sr.Snippet, key: str) -> sr.Snippet:
    return dataclasses.replace(snippet, env={**snippet.env, "ECHO_AUTHKEY": key})


@pytest.fixture
def key() -> str:
    return os.urandom(32).hex()


@pytest.fixture
def server(key):
    fmt = {"port": sr.free_port()}
    snippet = with_key(sr.get_snippet(SERVER, METHOD), key)
    with sr.Companion(snippet, METHOD, fmt) as running:
        running.port = fmt["port"]
        yield running
    assert not sr.processes_with_marker(f"{sr.SUITE_ID}/{running.run_id}")


def client(server, key: str) -> sr.Run:
    snippet = with_key(sr.get_snippet(CLIENT, METHOD), key)
    return sr.run_snippet(snippet, METHOD, {"port": server.port})


def wait_for_line(server, text: str, timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while text not in server.output:
        assert time.monotonic() < deadline, f"the server never printed {text!r}:\n{server.output}"
        time.sleep(0.05)


def test_listens_on_loopback_only(server):
    listening = [
        c
        for c in psutil.Process(server.proc.pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    ]
    assert listening, "the server is not listening"
    assert {(c.laddr.ip, c.laddr.port) for c in listening} == {("127.0.0.1", server.port)}, (
        f"the server must listen on 127.0.0.1:{server.port} only: {listening}"
    )
    assert f"listening on 127.0.0.1:{server.port}" in server.output


def test_client_with_the_key_gets_its_message_back(server, key):
    run = client(server, key)
    assert not sr.outcome_problems(run), sr.outcome_problems(run)
    echoed = ast.literal_eval(run.output.strip())  # the client prints what came back
    assert echoed == ["Hello World", 100, "你好".encode()]
    recorded = sr.get_snippet(CLIENT, METHOD).output_path.read_text(encoding="utf-8")
    assert run.output == recorded


def test_wrong_key_is_refused_and_the_server_keeps_serving(server, key):
    wrong = client(server, os.urandom(32).hex())
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
