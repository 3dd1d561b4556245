"""Send objects through a Pipe: which ones pickle, and the error of the rest."""

import functools
import socket
import sqlite3
import traceback
from multiprocessing import Lock, Pipe


def square(x):
    return x * x


def make_adder(n):
    def add(x):  # a nested function
        return x + n

    return add


if __name__ == "__main__":
    here, there = Pipe()
    with open(__file__) as file, socket.socket() as sock:
        candidates = {
            "module-level function": square,
            "functools.partial": functools.partial(square, 3),
            "lambda": lambda x: x * x,
            "nested function": make_adder(1),
            "open file": file,
            "sqlite3 connection": sqlite3.connect(":memory:"),
            "Lock": Lock(),
            "socket": sock,
        }
        for label, obj in candidates.items():
            try:
                here.send(obj)  # pickles obj
            except Exception as exc:
                error = "".join(traceback.format_exception_only(exc))
                print(f"{label}: {error.strip()}")
            else:
                received = there.recv()
                print(f"{label}: sent, received a {type(received).__name__}")
                if isinstance(received, socket.socket):
                    received.close()  # a duplicate of `sock`
        candidates["sqlite3 connection"].close()
