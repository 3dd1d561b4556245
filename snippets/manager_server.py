"""A manager that serves one shared tally to clients over the network.

Usage: MANAGER_AUTHKEY=... python manager_server.py [PORT]
Ctrl+C stops it.
"""

import os
import sys
import threading
from multiprocessing.managers import BaseManager

HOST = "127.0.0.1"  # loopback only: nobody on the network can connect


class Tally:
    """Counts words. Each client connection is served by its own thread."""

    def __init__(self):
        self._counts = {}
        self._lock = threading.Lock()

    def add(self, word):
        with self._lock:
            self._counts[word] = self._counts.get(word, 0) + 1
            return self._counts[word]

    def counts(self):
        with self._lock:
            return dict(sorted(self._counts.items()))


class TallyManager(BaseManager):
    pass


if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
    authkey = os.environ.get("MANAGER_AUTHKEY")
    if not authkey:
        sys.exit(
            "Set MANAGER_AUTHKEY to a secret shared with the clients, e.g.\n"
            "export MANAGER_AUTHKEY=$(python -c "
            '"import os; print(os.urandom(32).hex())")'
        )
    tally = Tally()  # one object, shared by every client
    TallyManager.register("get_tally", callable=lambda: tally)
    manager = TallyManager(address=(HOST, port), authkey=authkey.encode())
    server = manager.get_server()  # runs in this process
    print(f"serving a tally on {HOST}:{port}")
    try:
        server.serve_forever()  # Ctrl+C makes it exit
    finally:
        print(f"server stopped; final counts: {tally.counts()}")
