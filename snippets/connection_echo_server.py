"""An echo server for trusted local clients, on multiprocessing.connection.

Usage: ECHO_AUTHKEY=... python connection_echo_server.py [PORT]
Ctrl+C stops it.
"""

import os
import sys
from multiprocessing.connection import AuthenticationError, Listener

HOST = "127.0.0.1"  # loopback only: nobody on the network can connect


def echo(conn):
    with conn:
        try:
            while True:
                conn.send(conn.recv())  # recv() unpickles: trusted peers only
        except EOFError:
            print("a client closed its connection")


def serve(port, authkey):
    with Listener((HOST, port), authkey=authkey) as listener:
        print(f"listening on {HOST}:{port}")
        while True:  # one client at a time
            try:
                conn = listener.accept()
            except AuthenticationError:
                print("refused a client with a wrong authkey")
                continue
            echo(conn)


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8888
    authkey = os.environ.get("ECHO_AUTHKEY", "not-a-secret").encode()
    try:
        serve(port, authkey)
    except KeyboardInterrupt:
        print("server stopped")
