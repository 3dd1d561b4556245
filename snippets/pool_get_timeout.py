"""get(timeout=...) turns the endless wait for a lost task into an error."""

import os
import signal
from multiprocessing import Pool, TimeoutError


def work(n):
    if n == 2:
        os.kill(os.getpid(), signal.SIGKILL)  # the task is lost with its worker
    return n * n


if __name__ == "__main__":
    with Pool(2) as pool:
        result = pool.map_async(work, range(4))
        try:
            print(result.get(timeout=1))
        except TimeoutError:
            print("no result within 1 s: the with block terminates the pool")
