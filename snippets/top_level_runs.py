"""Which processes run the main module's top level, by start method."""

import os
from multiprocessing import Process, current_process

# Guarded script, top level without side effects but this print.
print(f"top level run by {current_process().name}, pid {os.getpid()}")


def work():
    print(f"{current_process().name} works, its parent is pid {os.getppid()}")


if __name__ == "__main__":
    for n in (1, 2, 3):
        child = Process(target=work, name=f"child-{n}")
        child.start()
        child.join()
