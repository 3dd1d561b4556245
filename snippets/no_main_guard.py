"""No main guard: under spawn and forkserver the child re-runs this module."""

import os
from multiprocessing import Process


def greet():
    print(f"hello from the child, pid {os.getpid()}")


# Top level, unguarded: a spawned child runs all of this again on import.
print(f"module top level, pid {os.getpid()}")
child = Process(target=greet)
child.start()
child.join()
print(f"child exit code: {child.exitcode}")
