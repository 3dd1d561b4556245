"""max_tasks_per_child, and mp_context to choose the workers' start method."""

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor


def pid(_):
    return os.getpid()


if __name__ == "__main__":
    fork = multiprocessing.get_context("fork")
    try:
        ProcessPoolExecutor(1, mp_context=fork, max_tasks_per_child=2)
    except ValueError as error:
        print(f"ValueError: {error}")

    spawn = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(
        1, mp_context=spawn, max_tasks_per_child=2
    ) as executor:
        pids = list(executor.map(pid, range(6)))
    print(f"6 tasks ran in {len(set(pids))} worker processes, 2 tasks each")
