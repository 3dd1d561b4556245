"""Ctrl+C reaches only the parent, which terminates the pool."""

import os
import signal
import time
from multiprocessing import Barrier, Pool


def start_worker(barrier):
    # Workers ignore SIGINT: Ctrl+C is for the parent to handle.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    barrier.wait()


def work(n):
    print(f"task {n} started in pid {os.getpid()}", flush=True)
    time.sleep(2)
    return n


if __name__ == "__main__":
    pool = Pool(2, initializer=start_worker, initargs=(Barrier(2),))
    try:
        print(pool.map(work, range(4), chunksize=1))
    except KeyboardInterrupt:
        print("Ctrl+C: terminating the pool", flush=True)
        pool.terminate()
    else:
        pool.close()
    pool.join()
    print("the pool has stopped")
