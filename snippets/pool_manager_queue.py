"""Pool workers share a queue through a Manager."""

import os
from multiprocessing import Manager, Pool, parent_process


def writer(queue):
    parent = parent_process().pid
    print(f"writer: pid {os.getpid()}, parent pid {parent}", flush=True)
    for letter in "Python":
        queue.put(letter)


def reader(queue):
    parent = parent_process().pid
    print(f"reader: pid {os.getpid()}, parent pid {parent}", flush=True)
    # qsize() is exact here only because the writer has already finished.
    for _ in range(queue.qsize()):
        print(f"reader got {queue.get()!r} from the queue", flush=True)


if __name__ == "__main__":
    print(f"main process: pid {os.getpid()}")
    with Manager() as manager:  # leaving the block shuts the manager down
        queue = manager.Queue()  # a proxy, which can be sent to pool workers
        with Pool(2) as pool:
            # apply() blocks until the task is done: the writer finishes
            # before the reader starts, so the reader needs no endless loop.
            pool.apply(writer, (queue,))
            pool.apply(reader, (queue,))
    print("main process: done")
