"""maxtasksperchild=2: a worker process exits after 2 tasks and is replaced."""

import os
from multiprocessing import Pool

calls = 0  # how many tasks this process has run: each process has its own


def work(n):
    global calls
    calls += 1
    return n, os.getpid(), calls


if __name__ == "__main__":
    with Pool(1, maxtasksperchild=2) as pool:
        results = pool.map(work, range(6), chunksize=1)
    workers = []  # worker PIDs, in the order they first appear
    for n, pid, call in results:
        if pid not in workers:
            workers.append(pid)
        print(f"task {n}: worker process {len(workers)}, its task {call}")
