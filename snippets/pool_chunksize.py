"""With chunksize=4, each worker takes 4 tasks at a time."""

import os
import time
from multiprocessing import Barrier, Pool


def start_together(barrier):
    barrier.wait()  # no worker takes a task before all 3 have started


def work(n):
    time.sleep(0.05)
    return n, os.getpid()


if __name__ == "__main__":
    barrier = Barrier(3)
    with Pool(3, initializer=start_together, initargs=(barrier,)) as pool:
        results = pool.map(work, range(12), chunksize=4)
    tasks_by_worker = {}
    for n, pid in results:
        tasks_by_worker.setdefault(pid, []).append(n)
    for pid, tasks in tasks_by_worker.items():
        print(f"pid {pid} ran {len(tasks)} tasks: {tasks}")
