"""A worker process killed in the middle of a task: BrokenProcessPool."""

import os
import signal
from concurrent.futures import ProcessPoolExecutor


def work(n):
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # as the OOM killer would
    return n * n


if __name__ == "__main__":
    with ProcessPoolExecutor(1) as executor:
        for result in executor.map(work, range(4)):
            print(result)
