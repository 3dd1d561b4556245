"""Two processes add 1 to a shared Value 5,000 times each, under its lock."""

from multiprocessing import Process, Value

TIMES = 5_000


def add_many(counter):
    for _ in range(TIMES):
        with counter.get_lock():  # read and write as one step
            counter.value += 1


if __name__ == "__main__":
    counter = Value("i", 0)
    workers = [Process(target=add_many, args=(counter,)) for _ in range(2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(f"2 processes added 1 {TIMES:,} times each")
    print(f"counter = {counter.value:,}")
