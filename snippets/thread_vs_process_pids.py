"""Similarity and difference of multi thread vs. multi process (after Vamei).

Every thread prints its process's PID; every process prints a PID of its own.
"""

import multiprocessing
import os
import threading


def worker(sign, lock):
    with lock:  # one task prints at a time
        print(f"{sign}: pid {os.getpid()}", flush=True)


if __name__ == "__main__":
    print(f"main: pid {os.getpid()}")

    # Multi-thread
    record = []
    lock = threading.Lock()
    for _ in range(5):
        thread = threading.Thread(target=worker, args=("thread", lock))
        thread.start()
        record.append(thread)
    for thread in record:
        thread.join()

    # Multi-process: the same API
    record = []
    lock = multiprocessing.Lock()
    for _ in range(5):
        process = multiprocessing.Process(target=worker, args=("process", lock))
        process.start()
        record.append(process)
    for process in record:
        process.join()
