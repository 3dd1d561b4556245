"""A worker process killed in the middle of a task: map() waits forever."""

import os
import signal
from multiprocessing import Pool


def work(n):
    if n == 2:
        print("task 2 kills its own worker process", flush=True)
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
    return n * n


if __name__ == "__main__":
    with Pool(2) as pool:
        print("calling map()", flush=True)
        print(pool.map(work, range(4)))  # never returns
