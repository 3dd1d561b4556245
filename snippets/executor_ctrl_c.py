"""Ctrl+C with a ProcessPoolExecutor: terminate_workers() (3.14+) stops the
running tasks; before 3.14, shutdown() can only cancel the waiting ones."""

import os
import signal
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import Barrier


def start_worker(barrier):
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C is for the parent
    barrier.wait()


def work(n):
    print(f"task {n} started in pid {os.getpid()}", flush=True)
    time.sleep(2)
    print(f"task {n} finished", flush=True)
    return n


if __name__ == "__main__":
    executor = ProcessPoolExecutor(
        2, initializer=start_worker, initargs=(Barrier(2),)
    )
    try:
        for result in executor.map(work, range(6)):
            print(f"result {result}")
    except KeyboardInterrupt:
        print("Ctrl+C: stopping the executor", flush=True)
        if sys.version_info >= (3, 14):
            executor.terminate_workers()
        else:
            executor.shutdown(wait=False, cancel_futures=True)
    else:
        executor.shutdown()
    print("main program done")
