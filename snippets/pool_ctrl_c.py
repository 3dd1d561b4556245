"""Ctrl+C while a pool works: the workers die, the pool replaces them, and
close() + join() then wait forever for the tasks that were lost."""

import os
import time
from multiprocessing import Barrier, Pool


def start_together(barrier):
    barrier.wait()


def work(n):
    print(f"task {n} started in pid {os.getpid()}", flush=True)
    time.sleep(2)
    return n


if __name__ == "__main__":
    pool = Pool(2, initializer=start_together, initargs=(Barrier(2),))
    try:
        print(pool.map(work, range(4), chunksize=1))
    except KeyboardInterrupt:
        print("Ctrl+C: waiting for the pool to finish", flush=True)
    finally:
        pool.close()
        pool.join()  # never returns: tasks 0 and 1 never complete
