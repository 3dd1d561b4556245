"""Start a child process and print the process IDs of parent and child."""

import os
from multiprocessing import Process, parent_process


def greet(greeting):
    # parent_process() is the process that started this one; os.getppid()
    # would name the fork server under the forkserver start method.
    parent = parent_process()
    print(
        f"{greeting} from the child: pid {os.getpid()}, parent pid {parent.pid}"
    )


if __name__ == "__main__":
    child = Process(target=greet, args=("hello",))
    child.start()
    child.join()
    print(f"the parent: pid {os.getpid()}, its child had pid {child.pid}")
