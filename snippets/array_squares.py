"""Two processes square the numbers of a shared Array in place, half each."""

from multiprocessing import Array, Process


def square(numbers, start, stop):
    for i in range(start, stop):
        numbers[i] = numbers[i] ** 2  # no other process touches numbers[i]


if __name__ == "__main__":
    numbers = Array("i", range(8))  # 8 C ints in shared memory
    halves = [(0, 4), (4, 8)]
    workers = [Process(target=square, args=(numbers, *h)) for h in halves]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    print(numbers[:])
