"""Work that waits: N threads against N processes, each worker one wait."""

import os
import platform
import sys
import time
from multiprocessing import Pool, get_start_method
from multiprocessing.pool import ThreadPool

QUICK = "--quick" in sys.argv  # a rough run in a fraction of a second
TASKS = 4 if QUICK else 20  # tasks, and workers: a worker for each task
WAIT = 0.05 if QUICK else 0.5  # seconds each task waits, as for a reply
REPEAT = 1 if QUICK else 3  # each figure is the best of REPEAT runs
RUNS = "one run" if REPEAT == 1 else f"best of {REPEAT} runs"


def wait(seconds):
    """Stands in for I/O: a thread that sleeps, or waits on a socket, a pipe
    or a file, releases the GIL until it wakes up."""
    time.sleep(seconds)


def run(pool_class):
    """Seconds to start TASKS workers, give each one wait, and stop them."""
    start = time.perf_counter()
    with pool_class(TASKS) as pool:
        pool.map(wait, [WAIT] * TASKS, chunksize=1)
    return time.perf_counter() - start


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
    print(f"work: {TASKS} tasks each wait {WAIT} s, {RUNS}")
    kinds = {"threads": ThreadPool, "processes": Pool}
    best = {}
    for _ in range(REPEAT):  # round after round: a busy moment hits both alike
        for label, pool_class in kinds.items():
            best[label] = min(best.get(label, float("inf")), run(pool_class))
    for label, seconds in best.items():
        overhead = seconds - WAIT  # starting, feeding and stopping the workers
        print(
            f"{TASKS} {label:<10}{seconds:6.2f} s   "
            f"overhead {overhead * 1000:6.1f} ms"
        )
