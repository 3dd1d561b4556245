"""concurrent.futures.wait() with a timeout: which tasks are done by then."""

import time
from concurrent.futures import ProcessPoolExecutor, wait
from multiprocessing import Barrier


def start_together(barrier):
    barrier.wait()


def work(seconds):
    time.sleep(seconds)
    return f"slept {seconds} s"


if __name__ == "__main__":
    barrier = Barrier(3)  # the 2 workers and this process
    with ProcessPoolExecutor(
        2, initializer=start_together, initargs=(barrier,)
    ) as executor:
        quick = executor.submit(work, 0.1)
        slow = executor.submit(work, 1.2)
        barrier.wait()  # both workers have started: the tasks start now
        done, not_done = wait([quick, slow], timeout=0.6)
        print(
            f"after 0.6 s: quick done {quick in done}, slow done {slow in done}"
        )
        print(f"slow.cancel() -> {slow.cancel()}: it is already running")
    # Leaving the with block waited for the slow task to finish.
    print(f"after the with block: {slow.result()}")
