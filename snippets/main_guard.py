"""With the main guard, a child imports this module and starts nothing."""

import os
from multiprocessing import Process


def greet():
    print(f"hello from the child, pid {os.getpid()}")


if __name__ == "__main__":  # false when a child imports the module
    child = Process(target=greet)
    child.start()
    child.join()
    print(f"child exit code: {child.exitcode}")
