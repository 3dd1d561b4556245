"""How many workers Pool() starts when not told: limit this process to 1 CPU."""

import os
from multiprocessing import Pool, active_children

if __name__ == "__main__":
    cpus = os.cpu_count()
    os.sched_setaffinity(0, {0})  # Linux: this process may run on CPU 0 only
    print(f"CPUs in the machine: {cpus}")
    print(f"CPUs this process may use: {len(os.sched_getaffinity(0))}")
    with Pool() as pool:
        print(f"worker processes started by Pool(): {len(active_children())}")
