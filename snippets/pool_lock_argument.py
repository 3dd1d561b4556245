"""A Lock passed to a Pool task as an argument: the task is never sent."""

from multiprocessing import Lock, Pool


def report(lock, number):
    with lock:
        print(f"task {number} holds the lock", flush=True)


if __name__ == "__main__":
    lock = Lock()
    with Pool(2) as pool:
        pool.apply(report, (lock, 0))  # the Lock would have to be pickled
