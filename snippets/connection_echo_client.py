"""Send a message to connection_echo_server.py and print the echo.

Usage: ECHO_AUTHKEY=... python connection_echo_client.py [PORT]
"""

import os
import sys
from multiprocessing.connection import Client

if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8888
    key = os.environ.get("ECHO_AUTHKEY")
    if not key:
        sys.exit("ECHO_AUTHKEY is not set: set it to the key the server uses")
    with Client(("127.0.0.1", port), authkey=key.encode()) as conn:
        conn.send(["Hello World", 100, "你好".encode()])
        print(conn.recv())
