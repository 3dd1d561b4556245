"""map, imap, imap_unordered and starmap on the same pool of 3 workers."""

import time
from multiprocessing import Barrier, Pool


def start_together(barrier):
    # Every worker waits here until all 3 have started, so that the tasks
    # below start at the same moment under any start method.
    barrier.wait()


def slow_square(n):
    time.sleep(0.1 * (3 - n))  # task 0 takes longest, task 2 is quickest
    return n * n


if __name__ == "__main__":
    barrier = Barrier(3)
    with Pool(3, initializer=start_together, initargs=(barrier,)) as pool:
        print("map:           ", pool.map(slow_square, range(3)))
        print("imap:          ", list(pool.imap(slow_square, range(3))))
        print(
            "imap_unordered:", list(pool.imap_unordered(slow_square, range(3)))
        )
        print("starmap:       ", pool.starmap(pow, [(2, 3), (10, 2), (3, 3)]))
