"""A child asks multiprocessing, not the OS, which process started it."""

import os
from multiprocessing import Process, parent_process


def check(parent_pid):
    same = parent_process().pid == parent_pid
    print(f"parent_process().pid is the parent's pid: {same}")


if __name__ == "__main__":
    child = Process(target=check, args=(os.getpid(),))
    child.start()
    child.join()
