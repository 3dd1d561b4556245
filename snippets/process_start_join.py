"""Start a child process with an argument and wait for it with join()."""

import os
from multiprocessing import Process


def run_proc(name):
    print(f"child running, name={name}, pid {os.getpid()}", flush=True)


if __name__ == "__main__":
    print(f"parent pid {os.getpid()}")
    child = Process(target=run_proc, args=("test",))
    print("child about to start")
    child.start()
    child.join()  # wait until the child has finished
    print("child has finished")
