"""Add words to the tally of manager_server.py and print the counts.

Usage: MANAGER_AUTHKEY=... python manager_client.py [PORT]
"""

import os
import sys
from multiprocessing.managers import BaseManager

HOST = "127.0.0.1"


class TallyManager(BaseManager):
    pass


TallyManager.register("get_tally")  # no callable: the server has it

if __name__ == "__main__":
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 50000
    authkey = os.environ.get("MANAGER_AUTHKEY")
    if not authkey:
        sys.exit("Set MANAGER_AUTHKEY to the server's key first.")
    manager = TallyManager(address=(HOST, port), authkey=authkey.encode())
    manager.connect()
    tally = manager.get_tally()  # a proxy for the server's object
    for word in ["apple", "pear", "apple"]:
        print(f"add({word!r}) -> {tally.add(word)}")
    print(f"counts: {tally.counts()}")
