"""Two processes sleep at once: the total is the slower one, not the sum."""

import os
import sys
import time
from multiprocessing import Process

# Seconds each task sleeps. The article slept 4 s (download) and 6 s (browse).
SLEEPS = {"A": 2.0, "B": 3.0}


def report(name, event, start):
    seconds = time.time() - start
    line = f"task {name} {event} at {seconds:.2f} s in pid {os.getpid()}"
    # One write per line: on an unbuffered stdout, print() writes the text and
    # the newline separately, and another process could print in between.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def task(name, seconds, start):
    report(name, "started", start)
    time.sleep(seconds)
    report(name, "finished", start)


if __name__ == "__main__":
    start = time.time()  # passed to the children: one clock for everybody
    workers = [
        Process(target=task, args=(name, seconds, start))
        for name, seconds in SLEEPS.items()
    ]
    for worker in workers:
        worker.start()  # both start now ...
    for worker in workers:
        worker.join()  # ... and the parent waits for both
    total = time.time() - start
    added = sum(SLEEPS.values())
    print(f"all done in {total:.2f} s; the sleeps add up to {added:.2f} s")
