"""Two processes add 1 to a shared Value at the same time: one update is lost.

A Barrier makes the unlucky interleaving happen every time: both processes
read the counter before either of them writes it back.
"""

from multiprocessing import Barrier, Process, Value


def add_one(counter, barrier):
    current = counter.value  # read
    barrier.wait()  # both processes have read 0
    counter.value = current + 1  # write: both write 1


if __name__ == "__main__":
    counter = Value("i", 0)  # a C int in shared memory, 0 to start with
    barrier = Barrier(2)
    workers = [
        Process(target=add_one, args=(counter, barrier)) for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(f"two processes added 1 each; counter = {counter.value}")
