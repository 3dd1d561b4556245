"""Subclass Process and override run(): start() calls run() in the child."""

import os
import time
from multiprocessing import Process, parent_process


class ProcessClass(Process):
    def __init__(self, interval):
        super().__init__()  # first: it sets up name, target, args and the rest
        self.interval = interval

    def run(self):  # what the child process does
        started = time.time()
        parent = parent_process()
        print(
            f"{self.name} running: pid {os.getpid()}, parent pid {parent.pid}",
            flush=True,
        )
        time.sleep(self.interval)
        elapsed = time.time() - started
        print(f"{self.name} finished after {elapsed:.2f} s", flush=True)


if __name__ == "__main__":
    started = time.time()
    print(f"main process: pid {os.getpid()}")
    child = ProcessClass(0.5)
    print(f"created {child.name}")  # the default name uses the class name
    child.start()  # runs child.run() in a new process
    child.join()
    elapsed = time.time() - started
    print(f"main process finished after {elapsed:.2f} s")
