"""Ten processes take turns to print, one at a time, through a shared Lock."""

from multiprocessing import Lock, Process


def report(lock, number):
    with lock:  # released even if print() raises
        print(f"Hello World! from process {number}")


if __name__ == "__main__":
    lock = Lock()
    workers = [Process(target=report, args=(lock, n)) for n in range(10)]
    for worker in workers:
        worker.start()
    # Join before the parent exits: under spawn and forkserver the children
    # need the lock's semaphore, which disappears with the parent.
    for worker in workers:
        worker.join()
