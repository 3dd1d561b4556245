"""A pool's overhead per task: many tiny tasks, sent in chunks of each size."""

import os
import platform
import sys
import time
from multiprocessing import Pool, get_start_method

QUICK = "--quick" in sys.argv  # a rough run in a fraction of a second
TASKS = 2_000 if QUICK else 20_000  # tiny tasks, mapped over the pool
WORKERS = 2
CHUNKSIZES = [1, 10, 100, 1000, None]  # None: map() chooses
REPEAT = 1 if QUICK else 3  # each figure is the best of REPEAT runs
RUNS = "one run" if REPEAT == 1 else f"best of {REPEAT} runs"


def tiny(n):
    return n + 1  # far less work than sending the task and its result


def best_time(job, *args):
    """Microseconds per task: the best of REPEAT runs of job(*args)."""
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        job(*args)
        times.append(time.perf_counter() - start)
    return min(times) * 1e6 / TASKS


def no_pool():
    return list(map(tiny, range(TASKS)))


def cores():
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count()
    if hasattr(os, "sched_getaffinity"):  # the cores this process may use
        return len(os.sched_getaffinity(0))
    return os.cpu_count()


if __name__ == "__main__":
    print(
        f"CPython {platform.python_version()} on {platform.system()}, "
        f"{cores()} cores, start method {get_start_method()}"
    )
    print(f"work: {TASKS:,} tasks, {WORKERS} workers, {RUNS}")
    print(f"{'no pool':<16}{best_time(no_pool):8.3f} µs per task")
    with Pool(WORKERS) as pool:
        pool.map(tiny, range(WORKERS))  # the workers are up and running
        for chunksize in CHUNKSIZES:
            us = best_time(pool.map, tiny, range(TASKS), chunksize)
            label = f"chunksize {chunksize or 'auto'}"
            print(f"{label:<16}{us:8.3f} µs per task")
