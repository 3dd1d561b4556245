"""What starting a process costs under each start method, in ms per process."""

import os
import platform
import sys
import time
from multiprocessing import get_context

QUICK = "--quick" in sys.argv  # a rough run in a fraction of a second
PROCESSES = 1 if QUICK else 10  # started one after another, each joined
REPEAT = 1 if QUICK else 3  # each figure is the best of REPEAT runs
RUNS = "one run" if REPEAT == 1 else f"best of {REPEAT} runs"


def nothing():
    pass


def start_and_join(context, processes):
    """Milliseconds per process, from start() until join() returns."""
    start = time.perf_counter()
    for _ in range(processes):
        process = context.Process(target=nothing)
        process.start()
        process.join()
    return (time.perf_counter() - start) * 1000 / processes


def cores():
    if hasattr(os, "process_cpu_count"):  # Python 3.13+
        return os.process_cpu_count()
    if hasattr(os, "sched_getaffinity"):  # the cores this process may use
        return len(os.sched_getaffinity(0))
    return os.cpu_count()


if __name__ == "__main__":
    print(
        f"CPython {platform.python_version()} on {platform.system()}, "
        f"{cores()} cores"
    )
    print(f"work: {PROCESSES} per method, started one after another, {RUNS}")
    for method in "fork", "forkserver", "spawn":
        context = get_context(method)  # leaves the default alone
        start_and_join(context, 1)  # forkserver: the first starts the server
        ms = min(start_and_join(context, PROCESSES) for _ in range(REPEAT))
        print(f"{method:<12}{ms:6.1f} ms per process")
