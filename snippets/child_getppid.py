"""A child compares os.getppid() with the PID of the process that started it."""

import os
from multiprocessing import Process


def check(parent_pid):
    print(f"os.getppid() is the parent's pid: {os.getppid() == parent_pid}")


if __name__ == "__main__":
    child = Process(target=check, args=(os.getpid(),))
    child.start()
    child.join()
