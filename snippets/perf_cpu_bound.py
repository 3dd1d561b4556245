"""CPU-bound work done by one process, by N threads and by N processes."""

import os
import platform
import sys
import time
from functools import partial
from multiprocessing import Pool, get_start_method
from multiprocessing.pool import ThreadPool

QUICK = "--quick" in sys.argv  # a rough run in a fraction of a second
STEPS = 100_000 if QUICK else 5_000_000  # loop steps in all, shared out
REPEAT = 1 if QUICK else 10  # each figure is the best of REPEAT runs
RUNS = "one run" if REPEAT == 1 else f"best of {REPEAT} runs"


def count(steps):
    """Pure Python work: the thread that runs it holds the GIL throughout."""
    total = 0
    for i in range(steps):
        total += i % 7
    return total


def alone():
    """Seconds to do all the steps here, in the main thread."""
    start = time.perf_counter()
    count(STEPS)
    return time.perf_counter() - start


def share(pool_class, workers):
    """Seconds to split the steps between `workers` threads or processes
    (starting and stopping them is not counted: see perf_start_cost.py)."""
    with pool_class(workers) as pool:
        # A short nap each, so that every worker has started before the timing.
        pool.map(time.sleep, [0.05] * workers, chunksize=1)
        start = time.perf_counter()
        pool.map(count, [STEPS // workers] * workers, chunksize=1)
        return time.perf_counter() - start


def gil_enabled():
    # sys._is_gil_enabled() exists from Python 3.13; before, always a GIL.
    return getattr(sys, "_is_gil_enabled", lambda: True)()


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
    print(f"GIL enabled: {gil_enabled()}")
    print(f"work: {STEPS:,} loop steps in all, {RUNS}")
    jobs = {"sequential": alone}
    # From 1 worker to one per core (at least 2, at most 8).
    for n in range(1, min(max(cores(), 2), 8) + 1):
        jobs[f"{n} thread{'s' * (n > 1)}"] = partial(share, ThreadPool, n)
        jobs[f"{n} process{'es' * (n > 1)}"] = partial(share, Pool, n)
    best = {}
    for _ in range(REPEAT):  # round after round: a busy moment hits all alike
        for label, job in jobs.items():
            best[label] = min(best.get(label, float("inf")), job())
    for label, seconds in best.items():
        speed_up = best["sequential"] / seconds
        print(f"{label:<14}{seconds:6.3f} s   speed-up {speed_up:4.2f}x")
