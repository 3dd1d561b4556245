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
        except OSError as exc:  # reset or cut off in mid-message
            print(f"dropped a client: {exc!r}")


def serve(port, authkey):
    with Listener((HOST, port), authkey=authkey) as listener:
        print(f"listening on {HOST}:{port}")
        while True:  # one client at a time
            try:
                conn = listener.accept()  # runs the authkey handshake
            except AuthenticationError:
                print("refused a client with a wrong authkey")
                continue
            except (EOFError, OSError) as exc:  # gone during the handshake
                print(f"dropped a client: {exc!r}")
                continue
            echo(conn)


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8888
    key = os.environ.get("ECHO_AUTHKEY")
    if not key:
        sys.exit("ECHO_AUTHKEY is not set: set it to the key the clients use")
    try:
        serve(port, key.encode())
    except KeyboardInterrupt:
        print("server stopped")
