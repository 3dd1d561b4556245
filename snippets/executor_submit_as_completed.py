"""submit() returns a Future at once; as_completed() yields each as it ends."""

import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import Barrier


def start_together(barrier):
    barrier.wait()  # no worker takes a task before all 3 have started


def work(seconds):
    time.sleep(seconds)
    return f"slept {seconds}"


if __name__ == "__main__":
    barrier = Barrier(3)
    with ProcessPoolExecutor(
        3, initializer=start_together, initargs=(barrier,)
    ) as executor:
        futures = [
            executor.submit(work, seconds) for seconds in (0.3, 0.1, 0.2)
        ]
        print(f"submitted: {[future.done() for future in futures]} done")
        for future in as_completed(futures):
            print(f"task {futures.index(future)} done: {future.result()}")
