"""Ten producers and ten consumers share a Queue of 3 items (after Vamei)."""

import multiprocessing
import os
import time


# input worker
def inputQ(queue, t0):
    info = f"pid {os.getpid()} put at {time.time() - t0:.2f} s"
    queue.put(info)  # blocks while the queue already holds 3 items


# output worker
def outputQ(queue, lock):
    info = queue.get()  # blocks until an item is there
    with lock:  # to prevent messy print
        print(f"pid {os.getpid()} got: {info}", flush=True)


if __name__ == "__main__":
    t0 = time.time()
    record1 = []  # store input processes
    record2 = []  # store output processes
    lock = multiprocessing.Lock()
    queue = multiprocessing.Queue(3)  # holds at most 3 items

    # input processes
    for _ in range(10):
        process = multiprocessing.Process(target=inputQ, args=(queue, t0))
        process.start()
        record1.append(process)

    # output processes
    for _ in range(10):
        process = multiprocessing.Process(target=outputQ, args=(queue, lock))
        process.start()
        record2.append(process)

    for p in record1:
        p.join()

    # close() only says that *this* process will put nothing more on the
    # queue; it tells the consumers nothing, and they can still get items.
    queue.close()

    for p in record2:
        p.join()
