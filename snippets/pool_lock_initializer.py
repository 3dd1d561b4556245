"""Each Pool worker receives the Lock once, through the initializer."""

import os
from multiprocessing import Lock, Pool

lock = None  # set in each worker process by share_lock()


def share_lock(shared_lock):
    global lock
    lock = shared_lock


def report(number):
    with lock:
        print(f"task {number} holds the lock in pid {os.getpid()}", flush=True)
    return number * number


if __name__ == "__main__":
    shared_lock = Lock()
    # initargs travel with the worker processes when they start, as Process
    # arguments do: inheritance, which is how a Lock may be shared.
    with Pool(2, initializer=share_lock, initargs=(shared_lock,)) as pool:
        print(pool.map(report, range(4)))
