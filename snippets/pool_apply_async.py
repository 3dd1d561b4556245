"""A pool of 3 worker processes runs 10 tasks submitted with apply_async()."""

import os
import sys
import time
from multiprocessing import Pool


def say(line):
    # One write per line: on an unbuffered stdout, print() writes the text and
    # the newline separately, and another process could print in between.
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def work(task, t0):
    pid = os.getpid()
    say(f"task {task} started at {time.time() - t0:.2f} s in pid {pid}")
    time.sleep(0.2 + 0.1 * (task % 4))  # 0.2 to 0.5 s of "work"
    say(f"task {task} finished at {time.time() - t0:.2f} s in pid {pid}")
    return task * task


if __name__ == "__main__":
    t0 = time.time()  # the workers report times relative to this
    pool = Pool(3)  # three worker processes
    results = []
    for task in range(10):
        # Queue the task and return at once with an AsyncResult.
        results.append(pool.apply_async(work, (task, t0)))
    say("all 10 tasks submitted")
    pool.close()  # no more tasks: the workers exit once the queue is done
    pool.join()  # wait for the workers to exit (only after close())
    # get() returns a task's result, or raises the exception the task raised.
    say(f"results: {[result.get() for result in results]}")
    say(f"all done at {time.time() - t0:.2f} s")
