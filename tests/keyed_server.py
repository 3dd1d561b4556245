"""What the tests of the two network examples share (test_echo_server.py and
test_manager_server.py): a server snippet and its client, run the way a reader runs
them, with a key of their own in an environment variable (made as the pages show:
os.urandom), on a free port of 127.0.0.1."""

from __future__ import annotations

import contextlib
import dataclasses
import os

import psutil

import snippet_runner as sr

METHOD = "spawn"  # both programs are started by hand; neither relies on a start method


def new_key() -> str:
    return os.urandom(32).hex()


def with_key(snippet: sr.Snippet, variable: str, key: str | None) -> sr.Snippet:
    """The snippet with `variable` set to `key`, or unset when key is None."""
    env = {k: v for k, v in snippet.env.items() if k != variable}
    if key is not None:
        env[variable] = key
    return dataclasses.replace(snippet, env=env)


@contextlib.contextmanager
def serving(name: str, variable: str, key: str):
    """The server snippet running on a free port (`.port`); afterwards no process of
    its run may be left."""
    fmt = {"port": sr.free_port()}
    snippet = with_key(sr.get_snippet(name, METHOD), variable, key)
    with sr.Companion(snippet, METHOD, fmt) as server:
        server.port = fmt["port"]
        yield server
    assert not sr.processes_with_marker(f"{sr.SUITE_ID}/{server.run_id}")


def run_client(name: str, variable: str, key: str | None, port: int) -> sr.Run:
    snippet = with_key(sr.get_snippet(name, METHOD), variable, key)
    return sr.run_snippet(snippet, METHOD, {"port": port})


def assert_listens_on_loopback_only(server) -> None:
    listening = [
        c
        for c in psutil.Process(server.proc.pid).net_connections(kind="inet")
        if c.status == psutil.CONN_LISTEN
    ]
    assert listening, "the server is not listening"
    assert {(c.laddr.ip, c.laddr.port) for c in listening} == {("127.0.0.1", server.port)}, (
        f"the server must listen on 127.0.0.1:{server.port} only: {listening}"
    )
